"""Reflex configuration: no telemetry, no badge, the public base URL for absolute links."""

import reflex as rx
from reflex_base.plugins.sitemap import SitemapPlugin

from ketaguide_app.reflex_plugin.plugin import KetaGuideBuildPlugin
from ketaguide_app.seo import base_url

config = rx.Config(
    app_name="ketaguide_app",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    deploy_url=base_url(),
    frontend_compression_formats=["brotli", "gzip"],
    plugins=[SitemapPlugin(), KetaGuideBuildPlugin()],
)
