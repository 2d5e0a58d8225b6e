"""One settings object, read from the environment and an optional `.env`."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.sandbox.interpreters import SUPPORTED

PREFIX = "AWAITBOT_"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
DEFAULT_DB_PATH = Path("var/awaitbot.db")
MAX_PREFIX_LENGTH = 5


class SettingsError(Exception):
    """A setting has a bad value; the message names the variable."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=PREFIX,
        env_file=os.environ.get("AWAITBOT_ENV_FILE", ".env"),
        env_file_encoding="utf-8",
        extra="ignore",
        validate_default=True,
    )

    # The only setting without the prefix: it is what Discord calls it.
    discord_token: SecretStr | None = Field(default=None, validation_alias="DISCORD_TOKEN")
    db_path: Path = DEFAULT_DB_PATH
    prefix: str = "!"
    dev_guild_id: int | None = None
    owner_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    log_level: str = "INFO"
    # Gateway shards: None lets Discord say how many. Several machines each run
    # the shards listed in shard_ids (all of them when empty) out of shard_count.
    shard_count: int | None = Field(default=None, ge=1)
    shard_ids: Annotated[tuple[int, ...], NoDecode] = ()

    # Sandbox limits (the sandbox issue fills these in fully).
    sandbox_timeout: float = Field(default=10.0, gt=0, le=60)
    sandbox_cpu_seconds: float = Field(default=5.0, gt=0, le=60)
    sandbox_memory_mib: int = Field(default=256, ge=32, le=4096)
    sandbox_output_kib: int = Field(default=64, ge=1, le=1024)
    sandbox_concurrency: int = Field(default=0, ge=0, le=64)  # 0: number of cores
    sandbox_queue: int = Field(default=32, ge=0, le=1000)
    # Talk to `python -m bot.sandbox serve` here; several, comma-separated, share the runs.
    sandbox_socket: Annotated[tuple[Path, ...], NoDecode] = ()
    sandbox_accept_weak_isolation: bool = False
    sandbox_python: str | None = None  # the default Python for snippets: 3.11, 3.12 or 3.13

    @field_validator("discord_token", mode="before")
    @classmethod
    def _blank_token_is_none(cls, value):
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("sandbox_python", mode="before")
    @classmethod
    def _supported_python(cls, value):
        if isinstance(value, str) and not value.strip():
            return None
        if value is not None and value not in SUPPORTED:
            raise ValueError(f"must be one of {', '.join(SUPPORTED)}")
        return value

    @field_validator("dev_guild_id", "shard_count", mode="before")
    @classmethod
    def _blank_is_none(cls, value):
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("sandbox_socket", mode="before")
    @classmethod
    def _split_paths(cls, value):
        if isinstance(value, (str, os.PathLike)):
            value = [p.strip() for p in os.fspath(value).split(",") if p.strip()]
        return tuple(dict.fromkeys(value or ()))  # each endpoint once, in the order given

    @field_validator("owner_ids", mode="before")
    @classmethod
    def _split_ids(cls, value):
        if isinstance(value, str):
            return frozenset(numbers(value, "a numeric Discord user id"))
        return value

    @field_validator("shard_ids", mode="before")
    @classmethod
    def _split_shard_ids(cls, value):
        if isinstance(value, str):
            return tuple(sorted(set(numbers(value, "a shard number"))))
        return value

    @field_validator("shard_ids")
    @classmethod
    def _shards_within_count(cls, value, info: ValidationInfo):
        count = info.data.get("shard_count")  # declared first, so already checked
        if value and count is None:
            raise ValueError("needs AWAITBOT_SHARD_COUNT as well")
        if value and max(value) >= count:
            raise ValueError(f"shard ids go from 0 to {count - 1}")
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _known_level(cls, value):
        level = str(value).strip().upper()
        if level not in LOG_LEVELS:
            raise ValueError(f"{value!r} is not one of {', '.join(LOG_LEVELS)}")
        return level

    @field_validator("prefix")
    @classmethod
    def _sane_prefix(cls, value: str):
        if not value or any(c.isspace() for c in value) or len(value) > MAX_PREFIX_LENGTH:
            raise ValueError(f"must be 1-{MAX_PREFIX_LENGTH} characters with no spaces")
        return value

    @property
    def token(self) -> str | None:
        return self.discord_token.get_secret_value() if self.discord_token else None


def numbers(text: str, what: str) -> list[int]:
    """`12, 34` (or `12;34`) as numbers; anything else names the part that is not `what`."""
    parts = [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
    for part in parts:
        if not part.isdigit():
            raise ValueError(f"{part!r} is not {what}")
    return [int(p) for p in parts]


def variable_name(field: str) -> str:
    """The environment variable a field is read from."""
    if field == "discord_token":
        return "DISCORD_TOKEN"
    return PREFIX + field.upper()


def load_settings(**overrides) -> Settings:
    """Read the settings; a bad value raises SettingsError with one clear line."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "?"
        reason = first["msg"].removeprefix("Value error, ")
        raise SettingsError(f"{variable_name(field)}: {reason}") from None


def configure_logging(level: str) -> None:
    logging.basicConfig(
        level=getattr(logging, level, logging.INFO),
        format="%(asctime)s %(levelname)-7s %(name)s: %(message)s",
    )
    # discord.py is chatty at DEBUG; keep its gateway noise down unless asked.
    if level != "DEBUG":
        logging.getLogger("discord").setLevel(max(logging.INFO, logging.getLevelName(level)))
