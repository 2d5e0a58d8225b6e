import logging
import sys

import pytest

import cogs
from bot.app import AwaitBot
from bot.replies import Attachment, Button, Reply
from bot.resources import open_resources


@pytest.fixture
def broken_cog(tmp_path, monkeypatch):
    folder = tmp_path / "extra_cogs"
    folder.mkdir()
    (folder / "zz_broken.py").write_text("raise RuntimeError('this cog is broken')\n")
    monkeypatch.setattr(cogs, "__path__", [*cogs.__path__, str(folder)])
    yield "cogs.zz_broken"
    sys.modules.pop("cogs.zz_broken", None)


async def test_every_cog_module_is_loaded(dpy):
    assert {"cogs.admin", "cogs.errors"} <= set(dpy.extensions)
    assert dpy.failed_extensions == {}


async def test_a_broken_cog_is_logged_and_the_others_still_load(settings, broken_cog, caplog):
    caplog.set_level(logging.ERROR)
    async with open_resources(settings) as resources:
        bot = AwaitBot(settings, resources)
        await bot._async_setup_hook()
        await bot.setup_hook()
        try:
            assert "cogs.admin" in bot.extensions
            assert broken_cog in bot.failed_extensions
            record = next(r for r in caplog.records if broken_cog in r.getMessage())
            assert record.exc_info is not None
        finally:
            await bot.close()


async def test_console_buttons_can_be_pressed(local):
    async def pick(who, choice):
        return Reply(f"{who.author.name} picked {choice}")

    local.bot.add_action("test.pick", pick)
    await local.deliver(None, Reply("choose", buttons=(Button("A", "test.pick", ("a",)),)))
    (reply,) = await local.handle("!press 1")
    assert reply.content == "you picked a"
    (reply,) = await local.handle("!press 7")
    assert "from 1 to 1" in reply.content


async def test_a_failing_button_gives_an_error_id(local):
    async def broken(who):
        raise RuntimeError("boom")

    local.bot.add_action("test.broken", broken)
    await local.deliver(None, Reply("x", buttons=(Button("B", "test.broken"),)))
    (reply,) = await local.handle("!press 1")
    assert "error id" in reply.content and "boom" not in reply.content


async def test_reply_json_shape(tmp_path):
    reply = Reply("hi", attachments=(Attachment("a.txt", b"x"),), meta={"topic": "run"})
    data = reply.to_dict({"a.txt": str(tmp_path / "a.txt")})
    assert data["meta"] == {"topic": "run"}
    assert data["attachments"][0]["path"].endswith("a.txt")


async def test_console_attachments_go_with_the_next_message(local, tmp_path):
    entry = tmp_path / "offline.md"
    entry.write_text("---\nname: offline\ntitle: Offline\n---\nImported in the console.\n")
    (reply,) = await local.handle(f"!attach {entry}")
    assert "offline.md" in reply.content
    (plan,) = await local.handle("!faq import")
    assert "1 new: `offline`" in plan.content
    (applied,) = await local.handle("!press 1")
    assert "Imported" in applied.content
    (shown,) = await local.handle("!faq offline")
    assert shown.embed.description == "Imported in the console."
    # the files went with that one message only
    (again,) = await local.handle("!faq import")
    assert "Attach" in again.content


async def test_console_attach_refuses_missing_files(local, tmp_path):
    (reply,) = await local.handle(f"!attach {tmp_path / 'missing.json'}")
    assert "There is no file" in reply.content
    assert local.staged == []
