"""Discord mode end to end: a real `python -m bot run` against a fake Discord."""

import asyncio
import signal
import sys
from contextlib import asynccontextmanager

import pytest

from tests.conftest import REPO, cli_env
from tests.fakediscord import APP_ID, GUILD_ID, USER_ID, FakeDiscord

BAD_LINES = ("Traceback", "Task was destroyed", "Unclosed", "ResourceWarning", "never awaited")


# The real entry point, with discord.py's two Discord addresses pointed at the fake.
LAUNCH = """
import sys, yarl, discord.gateway, discord.http
discord.http.Route.BASE = sys.argv[1]
discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(sys.argv[2])
from bot.__main__ import main
sys.exit(main(["run"]))
"""


async def start_bot(tmp_path, fake: FakeDiscord, token: str, **env):
    return await asyncio.create_subprocess_exec(
        sys.executable, "-X", "dev", "-c", LAUNCH, fake.api, fake.gateway_url,
        cwd=REPO, env=cli_env(tmp_path, DISCORD_TOKEN=token, **env),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip


@asynccontextmanager
async def connected_bot(tmp_path, fake_options=None, **env):
    """A bot process logged in to a fake Discord; killed at the end if still running."""
    async with FakeDiscord(**(fake_options or {})) as fake:
        proc = await start_bot(tmp_path, fake, fake.token, **env)
        try:
            await asyncio.wait_for(fake.identified.wait(), 60)
            yield fake, proc
        finally:
            if proc.returncode is None:
                proc.kill()
                await proc.wait()


async def stop(proc, sig=signal.SIGTERM) -> str:
    """Send the signal, wait for the exit, and return what the bot logged."""
    proc.send_signal(sig)
    _, err = await asyncio.wait_for(proc.communicate(), 30)
    return err.decode()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
async def test_connects_answers_commands_and_shuts_down_cleanly(tmp_path, sig):
    async with connected_bot(tmp_path) as (fake, proc):
        await fake.say("!about")
        body = await asyncio.wait_for(fake.posts.get(), 30)
        embed = body["embeds"][0]
        assert embed["title"] == "About awaitbot"
        fields = {f["name"]: f["value"] for f in embed["fields"]}
        assert not fields["Gateway latency"].startswith("offline")
        assert body["allowed_mentions"]["parse"] == []  # a reply pings no one

        await fake.say("!abuot")
        body = await asyncio.wait_for(fake.posts.get(), 30)
        assert "Did you mean `!about`?" in body["content"]

        text = await stop(proc, sig)
        await asyncio.wait_for(fake.closed.wait(), 10)
    # Sharded, with the count Discord recommends (the fake's /gateway/bot says 1).
    assert [identify["shard"] for identify in fake.identifies] == [[0, 1]]
    assert proc.returncode == 0, text
    assert not any(bad in text for bad in BAD_LINES), text
    assert not (tmp_path / "cli.db-wal").exists()


async def test_a_refused_token_is_one_clear_line(tmp_path):
    async with FakeDiscord() as fake:
        proc = await start_bot(tmp_path, fake, "wrong-token")
        _, err = await asyncio.wait_for(proc.communicate(), 60)
    text = err.decode()
    assert proc.returncode == 1
    assert (
        text.strip().splitlines()[-1] == "awaitbot: Discord refused the token: check DISCORD_TOKEN."
    )
    assert "Traceback" not in text


async def test_slash_commands_sync_to_the_dev_guild_at_startup_and_globally_on_sync(tmp_path):
    owner = {"AWAITBOT_OWNER_IDS": USER_ID}  # the fake's user is the owner here
    async with connected_bot(tmp_path, AWAITBOT_DEV_GUILD_ID=GUILD_ID, **owner) as (fake, proc):
        (path, names), *_ = fake.syncs
        assert path.endswith(f"/guilds/{GUILD_ID}/commands")
        assert {"help", "about", "run", "faq"} <= set(names)

        await fake.say("!sync")
        body = await asyncio.wait_for(fake.posts.get(), 30)
        assert body["content"].startswith("Synced ")
        assert fake.syncs[-1][0].endswith(f"/applications/{APP_ID}/commands")
        await stop(proc)
    assert proc.returncode == 0


async def test_a_refused_dev_guild_sync_is_logged_and_the_bot_stays_online(tmp_path):
    refused = {"guild_sync_refused": True}
    async with connected_bot(tmp_path, refused, AWAITBOT_DEV_GUILD_ID=GUILD_ID) as (fake, proc):
        await fake.say("!about")
        body = await asyncio.wait_for(fake.posts.get(), 30)
        assert body["embeds"][0]["title"] == "About awaitbot"
        text = await stop(proc)
    assert proc.returncode == 0, text
    assert "could not sync slash commands to AWAITBOT_DEV_GUILD_ID" in text
    assert "cannot reach Discord" not in text and "Traceback" not in text


async def test_a_database_that_cannot_be_opened_yet_is_retried_not_a_crash(tmp_path):
    blocker = tmp_path / "volume"
    blocker.write_text("a file where the database's folder should be")
    async with FakeDiscord() as fake:
        proc = await start_bot(tmp_path, fake, fake.token, AWAITBOT_DB_PATH=str(blocker / "a.db"))
        try:
            line = await asyncio.wait_for(proc.stderr.readline(), 60)
            while b"cannot be opened" not in line:
                line = await asyncio.wait_for(proc.stderr.readline(), 60)
            assert b"retrying in 1 s" in line and proc.returncode is None
            blocker.unlink()  # the folder can be made now: the next try opens it
            await asyncio.wait_for(fake.identified.wait(), 60)
            await fake.say("!about")
            body = await asyncio.wait_for(fake.posts.get(), 30)
            assert body["embeds"][0]["title"] == "About awaitbot"
            text = await stop(proc)
        finally:
            if proc.returncode is None:
                proc.kill()
                await proc.wait()
    assert proc.returncode == 0, text
    assert "Traceback" not in text


async def test_a_stop_while_waiting_for_the_database_ends_cleanly(tmp_path):
    blocker = tmp_path / "volume"
    blocker.write_text("not a folder")
    async with FakeDiscord() as fake:
        proc = await start_bot(tmp_path, fake, fake.token, AWAITBOT_DB_PATH=str(blocker / "a.db"))
        line = b""
        while b"cannot be opened" not in line:
            line = await asyncio.wait_for(proc.stderr.readline(), 60)
        text = await stop(proc)
        assert not fake.identified.is_set()
    assert proc.returncode == 0, text
    assert "Traceback" not in text


async def test_a_signal_during_a_run_lets_it_answer_then_shuts_down(tmp_path):
    async with connected_bot(tmp_path) as (fake, proc):
        await fake.say("!run ```py\nimport time\nprint('working')\ntime.sleep(4)\n```")
        await asyncio.sleep(2)  # the snippet is running in the sandbox
        proc.send_signal(signal.SIGTERM)
        await asyncio.sleep(0.5)
        await fake.say("!about")  # too late: the bot is shutting down
        _, err = await asyncio.wait_for(proc.communicate(), 30)
        answer = await asyncio.wait_for(fake.posts.get(), 1)
        assert answer["content"].startswith("✅ Finished") and "working" in answer["content"]
        assert answer["allowed_mentions"]["parse"] == []
        assert fake.posts.empty()
    text = err.decode()
    assert proc.returncode == 0, text
    assert not any(bad in text for bad in BAD_LINES), text


async def test_the_shard_settings_reach_the_gateway(tmp_path):
    # One machine of two: shard 1 of 2 only (shard 0 would run elsewhere).
    env = {"AWAITBOT_SHARD_COUNT": "2", "AWAITBOT_SHARD_IDS": "1"}
    async with connected_bot(tmp_path, **env) as (fake, proc):
        await fake.say("!about")
        body = await asyncio.wait_for(fake.posts.get(), 30)
        assert body["embeds"][0]["title"] == "About awaitbot"
        text = await stop(proc)
    assert [identify["shard"] for identify in fake.identifies] == [[1, 2]]
    assert proc.returncode == 0, text
