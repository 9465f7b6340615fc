"""The one definition of the site's response headers: security headers, caching rules and the CSP."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

# Vite names everything under /assets/ after a hash of its content, so a changed file gets a new address.
HASHED_ASSETS_PREFIX = "/assets/"
CACHE_HASHED = "public, max-age=31536000, immutable"
# Icons keep their names from build to build and rarely change: a day is as stale
# as they get (the browser asks for the icon again on every change of address, which must not reach the server).
STABLE_MEDIA_SUFFIXES = (".ico", ".png", ".svg")
CACHE_STABLE = "public, max-age=86400"
# Everything else (pages, sitemap, robots.txt) is checked with the server on each use: a 304 if unchanged.
CACHE_REVALIDATE = "no-cache"
# Sent over HTTPS only: two years, as the HSTS preload list asks.
HSTS = "max-age=63072000; includeSubDomains"

# Features the guide never uses are denied. Sharing a topic (share sheet, clipboard) keeps the default, the site
# itself; naming `web-share` would warn in browsers without it (Chromium on desktop Linux).
DENIED_FEATURES = (
    "accelerometer",
    "autoplay",
    "browsing-topics",
    "camera",
    "display-capture",
    "encrypted-media",
    "fullscreen",
    "geolocation",
    "gyroscope",
    "hid",
    "idle-detection",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "picture-in-picture",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
)
PERMISSIONS_POLICY = ", ".join(f"{name}=()" for name in DENIED_FEATURES)

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    # A topic's address says what a reader is reading about; it never leaves the site.
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": PERMISSIONS_POLICY,
    # No Cross-Origin-Opener-Policy: the site keeps no state, cookie or secret that a window holding a reference to
    # it could learn, and framing is refused below. With it, Chromium moved a page opened in a new tab to a process
    # of its own and laid out an empty document first, which delayed the first paint (README, "How it stays fast").
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}

# Directives a <meta> policy cannot carry (the browser ignores them there).
HEADER_ONLY_DIRECTIVES = ("frame-ancestors",)


@dataclass(frozen=True)
class ContentSecurityPolicy:
    """The site's CSP: its own files, and inline scripts and styles only by the hash of their text."""

    script_hashes: tuple[str, ...] = ()
    style_hashes: tuple[str, ...] = ()

    @classmethod
    def for_inline(cls, scripts: set[str], styles: set[str]) -> ContentSecurityPolicy:
        """The policy that allows exactly these inline scripts and styles."""
        return cls(tuple(sorted(map(source_hash, scripts))), tuple(sorted(map(source_hash, styles))))

    def directives(self) -> dict[str, str]:
        """Every directive, in the order they are sent."""
        return {
            "default-src": "'none'",
            "script-src": " ".join(["'self'", *self.script_hashes]),
            "style-src": " ".join(["'self'", *self.style_hashes]),
            "img-src": "'self' data:",  # the icon is in each page's head
            "connect-src": "'self'",
            "manifest-src": "'self'",
            "worker-src": "'self'",
            "object-src": "'none'",
            "base-uri": "'none'",
            "form-action": "'none'",
            "frame-ancestors": "'none'",
        }

    def header(self) -> str:
        """The Content-Security-Policy header value."""
        return _joined(self.directives())

    def meta(self) -> str:
        """The same policy for a `<meta http-equiv>` tag, for hosts that cannot set headers."""
        directives = self.directives()
        return _joined({name: value for name, value in directives.items() if name not in HEADER_ONLY_DIRECTIVES})


def source_hash(text: str) -> str:
    """The CSP source that allows one inline script or style with exactly this text."""
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def cache_control(path: str) -> str:
    """How long a browser may keep the file served at `path`."""
    if path.startswith(HASHED_ASSETS_PREFIX):
        return CACHE_HASHED
    return CACHE_STABLE if path.endswith(STABLE_MEDIA_SUFFIXES) else CACHE_REVALIDATE


def response_headers(path: str, csp: ContentSecurityPolicy, *, https: bool) -> dict[str, str]:
    """Every header this definition adds to the response for `path`; each server config must send exactly these."""
    headers = {"Content-Security-Policy": csp.header(), **SECURITY_HEADERS, "Cache-Control": cache_control(path)}
    if https:
        headers["Strict-Transport-Security"] = HSTS
    return headers


def _joined(directives: dict[str, str]) -> str:
    return "; ".join(f"{name} {value}" for name, value in directives.items())
