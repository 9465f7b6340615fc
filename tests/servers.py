"""The real servers that tests and benchmark run on loopback: `make run`, Caddy, nginx, wrangler, netlify dev."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import trustme
from filelock import FileLock

from ketaguide_app.serve import caddy_command, caddy_environment

ROOT = Path(__file__).resolve().parents[1]
PYTHON = Path(sys.executable)
NGINX = Path("/usr/sbin/nginx")
NGINX_MIME_TYPES = Path("/etc/nginx/mime.types")
NGINX_BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
SHIPPED_NGINX = ROOT / "deploy" / "nginx.conf"
EXPORT_LOCK = ROOT / ".export.lock"
HOSTS = ROOT / "tests" / "hosts" / "node_modules"
WRANGLER = HOSTS / "wrangler" / "bin" / "wrangler.js"
NETLIFY = HOSTS / "netlify-cli" / "bin" / "run.js"
# wrangler asks for a date that fixes the runtime's behaviour; this one is older than the pinned workerd.
WRANGLER_COMPATIBILITY_DATE = "2025-06-01"
# netlify dev (a Node CLI of a few hundred modules) took over 30 s to answer on a heavily loaded machine.
START_TIMEOUT_S = 90
EXPORT_TIMEOUT_S = 900


class ServerError(RuntimeError):
    """A server could not be built or started; the message quotes its log."""


@dataclass
class Server:
    """A running server: its address, its process (stopped by its own pid) and what clients need to trust it."""

    name: str
    url: str
    process: subprocess.Popen[bytes]
    log: Path
    ca: Path | None = None
    http_url: str | None = None

    @property
    def https(self) -> bool:
        """Whether the server is reached over TLS."""
        return self.url.startswith("https:")

    def ssl_context(self) -> ssl.SSLContext | None:
        """A TLS context that trusts the server's local certificate authority."""
        return ssl.create_default_context(cafile=str(self.ca)) if self.ca else None


def free_port() -> int:
    """A TCP port that is free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def export(out: Path, base_url: str, log: Path, content: Path | None = None, keep: Path | None = None) -> Path:
    """`make export` into `out`, with `base_url` in the canonical links; fails with the build's log.

    `content` builds another content folder than the repository's; `keep` is where the build keeps what Reflex
    made before the plugin changed it. Exports build in the project's `.web/`, so one runs at a time, across test
    workers and the benchmark.
    """
    env = os.environ | {"KETAGUIDE_BASE_URL": base_url, "REFLEX_CHECK_LATEST_VERSION": "false"}
    if content is not None:
        env["KETAGUIDE_CONTENT_DIR"] = str(content)
    if keep is not None:
        env["KETAGUIDE_PRERENDERED_COPY"] = str(keep)
    env["PATH"] = f"{PYTHON.parent}{os.pathsep}{env.get('PATH', '')}"
    with FileLock(EXPORT_LOCK), log.open("wb") as output:
        result = subprocess.run(
            [PYTHON, "-m", "ketaguide_app", "export", "--out", out],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            timeout=EXPORT_TIMEOUT_S,
            check=False,
        )
    if result.returncode != 0:
        raise ServerError(f"make export failed:\n{log.read_text()[-4000:]}")
    return out


def start_make_run(site: Path, workdir: Path) -> Server:
    """`make run`'s server (`python -m ketaguide_app serve`: Caddy with deploy/Caddyfile) on plain HTTP."""
    port = free_port()
    env = _isolated_caddy_env(workdir)
    command = [str(PYTHON), "-m", "ketaguide_app", "serve", "--site", str(site), "--port", str(port)]
    server = _start("make run", f"http://127.0.0.1:{port}", command, env, workdir, cwd=ROOT)
    return _wait_until_served(server)


def start_caddy_https(site: Path, workdir: Path) -> Server:
    """The shipped Caddyfile as in production, for `localhost` over HTTPS: Caddy's own local CA signs it."""
    http_port, https_port = free_port(), free_port()
    env = caddy_environment(site, f"localhost:{https_port}", _isolated_caddy_env(workdir))
    # Caddy's redirect names the site's port only when it is not the global HTTPS port, so that stays 443.
    env["KETAGUIDE_HTTP_PORT"] = str(http_port)
    url = f"https://localhost:{https_port}"
    server = _start("Caddy (HTTPS)", url, caddy_command(), env, workdir)
    server.http_url = f"http://localhost:{http_port}"
    server.ca = workdir / "data" / "caddy" / "pki" / "authorities" / "local" / "root.crt"
    return _wait_until_served(server)


def start_nginx_https(site: Path, workdir: Path) -> Server:
    """The shipped nginx config over HTTPS on loopback, with a certificate from a local CA the clients trust."""
    for needed in (NGINX, NGINX_MIME_TYPES, NGINX_BROTLI_MODULE):
        if not needed.exists():
            raise ServerError(f"{needed} is missing: apt-get install nginx-light libnginx-mod-http-brotli-static")
    http_port, https_port = free_port(), free_port()
    ca = trustme.CA()
    certificate = ca.issue_cert("localhost", "127.0.0.1")
    cert, key, ca_file = workdir / "cert.pem", workdir / "key.pem", workdir / "ca.pem"
    certificate.cert_chain_pems[0].write_to_path(str(cert))
    for extra in certificate.cert_chain_pems[1:]:
        extra.write_to_path(str(cert), append=True)
    certificate.private_key_pem.write_to_path(str(key))
    ca.cert_pem.write_to_path(str(ca_file))
    site_conf = workdir / "ketaguide.conf"
    site_conf.write_text(
        local_nginx_config(
            SHIPPED_NGINX.read_text(), site, http_port=http_port, https_port=https_port, cert=cert, key=key
        )
    )
    main_conf = workdir / "nginx.conf"
    main_conf.write_text(nginx_main_config(workdir, site_conf))
    command = [str(NGINX), "-p", str(workdir), "-c", str(main_conf), "-g", "daemon off;"]
    server = _start("nginx (HTTPS)", f"https://localhost:{https_port}", command, dict(os.environ), workdir)
    server.ca, server.http_url = ca_file, f"http://localhost:{http_port}"
    return _wait_until_served(server)


def start_wrangler(site: Path, workdir: Path) -> Server:
    """Cloudflare Pages' local runtime (`wrangler pages dev`: workerd and Pages' asset server) on the folder.

    Offline: no metrics, no fetch of Cloudflare's request data; its state and config stay in `workdir`.
    """
    if not WRANGLER.exists():
        raise ServerError(f"{WRANGLER} is missing: `make hosts` installs it (tests/hosts/package.json)")
    port, inspector = free_port(), free_port()
    env = os.environ | {
        "WRANGLER_SEND_METRICS": "false",
        "CLOUDFLARE_CF_FETCH_ENABLED": "false",
        "XDG_CONFIG_HOME": str(workdir / "config"),
        "PATH": f"{PYTHON.parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    command = [
        str(PYTHON.parent / "node"),
        str(WRANGLER),
        "pages",
        "dev",
        str(site),
        "--ip",
        "127.0.0.1",
        "--port",
        str(port),
        "--inspector-port",
        str(inspector),
        "--compatibility-date",
        WRANGLER_COMPATIBILITY_DATE,
    ]
    server = _start("wrangler pages dev", f"http://127.0.0.1:{port}", command, env, workdir)
    return _wait_until_served(server)


def start_netlify_dev(site: Path, workdir: Path) -> Server:
    """Netlify's local emulator (`netlify dev`) on the folder: offline, no edge functions (they would fetch Deno).

    Its static server's port is set in a netlify.toml in `workdir`, where it also keeps its state.
    """
    if not NETLIFY.exists():
        raise ServerError(f"{NETLIFY} is missing: `make hosts` installs it (tests/hosts/package.json)")
    port, static_port = free_port(), free_port()
    (workdir / "netlify.toml").write_text(f"[dev]\nstaticServerPort = {static_port}\n", encoding="utf-8")
    env = os.environ | {
        "NETLIFY_TELEMETRY_DISABLED": "1",
        "XDG_CONFIG_HOME": str(workdir / "config"),
        "PATH": f"{PYTHON.parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    command = [str(PYTHON.parent / "node"), str(NETLIFY), "dev", "--offline", "--internal-disable-edge-functions"]
    command += ["--dir", str(site), "--port", str(port), "--no-open", "--skip-gitignore"]
    server = _start("netlify dev", f"http://127.0.0.1:{port}", command, env, workdir)
    return _wait_until_served(server)


def local_nginx_config(shipped: str, site: Path, *, http_port: int, https_port: int, cert: Path, key: Path) -> str:
    """The shipped server blocks pointed at this machine: loopback ports, a local certificate, the test's folder."""
    replacements = [
        ("    listen 80;\n", f"    listen 127.0.0.1:{http_port};\n", 1),
        ("    listen [::]:80;\n", "", 1),
        ("    listen 443 ssl http2;\n", f"    listen 127.0.0.1:{https_port} ssl http2;\n", 1),
        ("    listen [::]:443 ssl http2;\n", "", 1),
        ("server_name guide.example.org;", "server_name localhost;", 2),
        ("https://$host$request_uri", f"https://$host:{https_port}$request_uri", 1),
        ("/etc/letsencrypt/live/guide.example.org/fullchain.pem", str(cert), 1),
        ("/etc/letsencrypt/live/guide.example.org/privkey.pem", str(key), 1),
        ("/srv/ketaguide/site", str(site), 2),
    ]
    for old, new, count in replacements:
        if shipped.count(old) != count:
            raise ServerError(f"{SHIPPED_NGINX} should hold {old!r} {count}×, holds it {shipped.count(old)}×")
        shipped = shipped.replace(old, new)
    return shipped


def nginx_main_config(workdir: Path, site_conf: Path) -> str:
    """What a distribution's nginx.conf provides around a site's server blocks, kept inside `workdir`."""
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp = "".join(
        f"    {kind}_temp_path {workdir / kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return (
        f"{user}worker_processes 1;\npid {workdir / 'nginx.pid'};\nerror_log {workdir / 'error.log'};\n"
        f"load_module {NGINX_BROTLI_MODULE};\nevents {{ worker_connections 4096; }}\n"
        f"http {{\n    include {NGINX_MIME_TYPES};\n    default_type application/octet-stream;\n"
        f"    access_log off;\n    sendfile on;\n{temp}    include {site_conf};\n}}\n"
    )


def stop(server: Server) -> None:
    """Stop the server by its own process group, killing it if it lingers."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.process.pid, sig)
        try:
            server.process.wait(timeout=10)
            return
        except subprocess.TimeoutExpired:
            continue


@contextlib.contextmanager
def running(server: Server) -> Iterator[Server]:
    """The server, stopped on the way out whatever happens."""
    try:
        yield server
    finally:
        stop(server)


def _isolated_caddy_env(workdir: Path) -> dict[str, str]:
    """Caddy's data and config folders inside `workdir`, so a test leaves nothing in the home folder."""
    return os.environ | {"XDG_DATA_HOME": str(workdir / "data"), "XDG_CONFIG_HOME": str(workdir / "config")}


def _start(
    name: str, url: str, command: list[str], env: dict[str, str], workdir: Path, *, cwd: Path | None = None
) -> Server:
    log = workdir / f"{name.split(maxsplit=1)[0].lower()}.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, cwd=cwd or workdir, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    return Server(name=name, url=url, process=process, log=log)


def _wait_until_served(server: Server) -> Server:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise ServerError(f"{server.name} exited while starting:\n{server.log.read_text()[-4000:]}")
        with (
            contextlib.suppress(OSError, urllib.error.URLError),
            urllib.request.urlopen(server.url + "/", timeout=2, context=_ca_context(server)) as response,
        ):
            if response.status == 200:
                return server
        time.sleep(0.1)
    stop(server)
    raise ServerError(f"{server.name} did not answer within {START_TIMEOUT_S} s:\n{server.log.read_text()[-4000:]}")


def _ca_context(server: Server) -> ssl.SSLContext | None:
    if server.ca is None or not server.ca.exists():
        return None
    return server.ssl_context()
