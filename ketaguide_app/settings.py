"""Every KETAGUIDE_* variable the code reads, in one pydantic-settings object validated when it is read."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPOSITORY_CONTENT = Path(__file__).resolve().parent.parent / "content"
PREFIX = "KETAGUIDE_"
BASE_URL_VARIABLE = f"{PREFIX}BASE_URL"


class Settings(BaseSettings):
    """The settings a deployment or a test run can give in the environment (an empty value counts as unset)."""

    model_config = SettingsConfigDict(env_prefix=PREFIX, env_ignore_empty=True, extra="ignore", frozen=True)

    base_url: str | None = Field(
        default=None,
        description="The public address of the site, for canonical links, link previews, sitemap and robots.txt.",
    )
    content_dir: Path = Field(default=REPOSITORY_CONTENT, description="The content folder to build.")
    chromium: Path = Field(default=Path("/usr/bin/chromium"), description="The Chromium the tests and benchmark drive.")
    prerendered_copy: Path | None = Field(
        default=None,
        description="A folder where the build keeps what Reflex made before the plugin changed it: the pages "
        "and modules the build steps' tests run on (`make fixtures`).",
    )

    @field_validator("base_url")
    @classmethod
    def _absolute_http_address(cls, value: str | None) -> str | None:
        if value is None:
            return None
        address = urlsplit(value)
        if address.scheme not in {"http", "https"} or not address.hostname:
            msg = "must be an absolute http(s) address, e.g. https://guide.example.org"
            raise ValueError(msg)
        return value.rstrip("/")


def settings() -> Settings:
    """The settings as the environment gives them now; a wrong one stops the process naming the variable."""
    try:
        return Settings()
    except ValidationError as error:
        problems = "; ".join(f"{PREFIX}{str(e['loc'][0]).upper()} {e['msg']}" for e in error.errors())
        raise SystemExit(f"settings error: {problems}") from None
