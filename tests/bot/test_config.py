import subprocess
from pathlib import Path

import pytest

from bot.config import Settings, SettingsError, load_settings
from tests.conftest import PYTHON, REPO, cli_env


def test_defaults_need_no_environment():
    settings = load_settings(_env_file=None)
    assert settings.token is None
    assert settings.prefix == "!"
    assert settings.owner_ids == frozenset()
    assert settings.log_level == "INFO"


def test_owner_ids_are_a_comma_separated_list(monkeypatch):
    monkeypatch.setenv("AWAITBOT_OWNER_IDS", "12, 34")
    assert load_settings(_env_file=None).owner_ids == {12, 34}


def test_blank_token_means_no_token(monkeypatch):
    monkeypatch.setenv("DISCORD_TOKEN", "  ")
    assert load_settings(_env_file=None).token is None


def test_token_is_never_shown_in_the_settings_repr(monkeypatch):
    monkeypatch.setenv("DISCORD_TOKEN", "secret-token-value")
    settings = load_settings(_env_file=None)
    assert settings.token == "secret-token-value"
    assert "secret-token-value" not in repr(settings)


def test_dotenv_file_is_read(tmp_path, monkeypatch):
    env = tmp_path / ".env"
    env.write_text("AWAITBOT_PREFIX=?\nAWAITBOT_LOG_LEVEL=debug\n")
    settings = Settings(_env_file=env)
    assert settings.prefix == "?"
    assert settings.log_level == "DEBUG"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("AWAITBOT_DEV_GUILD_ID", "not-a-number"),
        ("AWAITBOT_OWNER_IDS", "123,abc"),
        ("AWAITBOT_LOG_LEVEL", "loud"),
        ("AWAITBOT_PREFIX", "a b"),
        ("AWAITBOT_SANDBOX_TIMEOUT", "-1"),
        ("AWAITBOT_SHARD_COUNT", "0"),
        ("AWAITBOT_SHARD_IDS", "1"),  # without a shard count
    ],
)
def test_bad_value_names_the_variable(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as info:
        load_settings(_env_file=None)
    message = str(info.value)
    assert message.startswith(name + ":")
    assert "\n" not in message


def test_bad_setting_stops_startup_with_one_line(tmp_path):
    env = cli_env(tmp_path, AWAITBOT_DEV_GUILD_ID="twelve")
    proc = subprocess.run(
        [PYTHON, "-m", "bot", "send", "!help"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "AWAITBOT_DEV_GUILD_ID" in lines[0]
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    ("value", "ok"), [("3.13", True), ("", True), ("2.7", False), ("3", False)]
)
def test_the_default_python_must_be_a_supported_one(value, ok, monkeypatch):
    monkeypatch.setenv("AWAITBOT_SANDBOX_PYTHON", value)
    if ok:
        assert Settings(_env_file=None).sandbox_python == (value or None)
    else:
        with pytest.raises(ValueError, match="3.11, 3.12, 3.13"):
            Settings(_env_file=None)


def test_shards_are_automatic_unless_set(monkeypatch):
    settings = load_settings(_env_file=None)
    assert settings.shard_count is None and settings.shard_ids == ()
    monkeypatch.setenv("AWAITBOT_SHARD_COUNT", "4")
    monkeypatch.setenv("AWAITBOT_SHARD_IDS", "3, 1,1")
    settings = load_settings(_env_file=None)
    assert settings.shard_count == 4 and settings.shard_ids == (1, 3)


def test_shard_ids_must_be_below_the_shard_count(monkeypatch):
    monkeypatch.setenv("AWAITBOT_SHARD_COUNT", "2")
    monkeypatch.setenv("AWAITBOT_SHARD_IDS", "0,2")
    with pytest.raises(SettingsError, match="AWAITBOT_SHARD_IDS: shard ids go from 0 to 1"):
        load_settings(_env_file=None)


async def test_the_shard_settings_reach_the_discord_bot(settings):
    from bot.app import ShardedAwaitBot

    settings = settings.model_copy(update={"shard_count": 6, "shard_ids": (2, 3)})
    async with ShardedAwaitBot(settings, resources=None) as bot:  # as `python -m bot run`
        assert bot.shard_count == 6 and bot.shard_ids == [2, 3]


@pytest.mark.parametrize(
    ("value", "paths"),
    [
        ("", ()),
        ("/run/a.sock", ("/run/a.sock",)),
        (" /run/a.sock, /run/b.sock,,/run/a.sock ", ("/run/a.sock", "/run/b.sock")),
    ],
)
def test_sandbox_socket_lists_one_endpoint_or_several(monkeypatch, value, paths):
    monkeypatch.setenv("AWAITBOT_SANDBOX_SOCKET", value)
    assert load_settings(_env_file=None).sandbox_socket == tuple(map(Path, paths))


def test_the_example_env_file_works_as_copied():
    settings = Settings(_env_file=REPO / ".env.example")
    assert settings == Settings(_env_file=None)  # every line is the default
