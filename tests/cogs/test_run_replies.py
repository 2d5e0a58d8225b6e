"""What happens to a run's reply: edits rerun it in place, deletes take it
away, its buttons work for the author and moderators only and drop off when
they expire; a busy sandbox queues or turns runs away, and says so."""

from __future__ import annotations

import asyncio

import discord.ext.test as dpytest
import pytest
from discord.ext.test import callbacks

from bot import app
from bot.sandbox import Limits
from tests import chat
from tests.interactions import click
from tests.polling import until
from tests.sandbox.helpers import Sandbox

CLOCK = "```py\nimport time\nprint('at', time.time_ns())\n```"


def members():
    config = dpytest.get_config()
    return config.members[0], config.members[1], config.channels[0]


async def run(text: str, member: int = 0):
    """Send `text`; the bot's reply to it."""
    asked = await chat.say(text, member)
    (reply,) = chat.sent()
    return asked, reply


async def test_editing_a_run_reruns_it_and_edits_the_reply_in_place(dpy):
    asked, reply = await run("!run print('first')")
    await chat.edit(asked, "!run print('second')")
    assert chat.sent() == []  # no new message
    now = await chat.current(reply)
    assert "second" in now.content and "first" not in now.content


async def test_an_edit_that_breaks_the_code_says_so_in_the_same_reply(dpy):
    asked, reply = await run("!run print('ok')")
    await chat.edit(asked, "!run ```py\nprint('never closed')")
    assert chat.sent() == []
    assert "not closed" in (await chat.current(reply)).content


async def test_an_edit_after_a_minute_is_left_alone(dpy):
    asked, reply = await run("!run print('first')")
    service = dpy.get_cog("Run").service
    born = service.clock()
    service.clock = lambda: born + 61
    await chat.edit(asked, "!run print('second')")
    assert chat.sent() == [] and "first" in (await chat.current(reply)).content


async def test_deleting_the_message_deletes_the_reply(dpy):
    asked, reply = await run("!run print('bye')")
    await chat.delete(asked)
    assert await chat.current(reply) is None


async def test_run_again_reruns_in_place_for_the_author(dpy):
    alice, _, channel = members()
    _, reply = await run("!run " + CLOCK)
    before = (await chat.current(reply)).content
    calls = await click(dpy, alice, channel, reply, "🔁 Run again")
    await chat.settle()
    assert calls[0][1]["type"] == 6  # acknowledged without a message of its own
    after = (await chat.current(reply)).content
    assert after.startswith("✅") and after != before and chat.sent() == []


async def test_delete_button_deletes_the_reply_for_the_author(dpy):
    alice, _, channel = members()
    _, reply = await run("!run print(1)")
    await click(dpy, alice, channel, reply, "🗑 Delete")
    await chat.settle()
    assert await chat.current(reply) is None


@pytest.mark.parametrize("label", ["🔁 Run again", "🗑 Delete"])
async def test_someone_else_is_told_only_the_author_may(dpy, label):
    _, bob, channel = members()
    _, reply = await run("!run " + CLOCK)
    before = (await chat.current(reply)).content
    calls = await click(dpy, bob, channel, reply, label, wait_for=2)
    await chat.settle()
    answer = calls[1][1]
    assert "Only the author" in answer["content"] and answer["flags"] & 64  # ephemeral
    assert (await chat.current(reply)).content == before


async def test_a_moderator_may_delete_someone_elses_run(dpy):
    _, bob, channel = members()
    await chat.make_moderator(bob, channel)
    _, reply = await run("!run print(1)")
    await click(dpy, bob, channel, reply, "🗑 Delete")
    await chat.settle()
    assert await chat.current(reply) is None


async def test_top_level_await_offers_run_as_repl_which_fixes_it_in_place(dpy):
    alice, bob, channel = members()
    _, reply = await run("!run ```py\nimport asyncio\nawait asyncio.sleep(0)\nprint('done')\n```")
    assert "'await' outside function" in reply.content
    calls = await click(dpy, bob, channel, reply, "Run as REPL", wait_for=2)
    assert "Only the author" in calls[1][1]["content"]
    await click(dpy, alice, channel, reply, "Run as REPL")
    await chat.settle()
    after = await chat.current(reply)
    assert after.content.startswith("✅") and "done" in after.content


async def test_a_script_that_fails_otherwise_has_no_repl_button(dpy):
    _, reply = await run("!run 1/0")
    labels = chat.labels(dpy, reply)
    assert "Run as REPL" not in labels and "🔁 Run again" in labels


async def test_buttons_drop_off_when_they_expire(dpy, monkeypatch):
    monkeypatch.setattr(app, "BUTTON_TIMEOUT", 0.2)
    _, reply = await run("!run print(1)")
    assert chat.labels(dpy, reply)
    # The expired view edits the message with no components at all.
    await until(lambda: chat.stored(reply).get("components") == [])
    assert chat.labels(dpy, reply) == []


# -- a busy sandbox ----------------------------------------------------------------

HOLD = "import time\ntime.sleep(1.5)\n"


@pytest.fixture
async def one_slot(dpy):
    """The bot's sandbox, shrunk to one slot and a line of one."""
    async with Sandbox(Limits(concurrency=1, queue_bound=1)) as box:
        saved, dpy.resources.sandbox = dpy.resources.sandbox, box
        yield box
        dpy.resources.sandbox = saved


async def test_a_queued_run_says_how_many_are_ahead_then_shows_its_result(dpy, one_slot, request):
    typing = []

    async def typed(channel) -> None:
        typing.append(channel)

    callbacks.set_callback(typed, "send_typing")
    request.addfinalizer(lambda: callbacks.remove_callback("send_typing"))
    holder = asyncio.create_task(one_slot.run(HOLD))
    await until(lambda: one_slot.stats()["running"] == 1)
    asking = asyncio.create_task(chat.say("!run print('my turn')"))
    await until(lambda: not dpytest.sent_queue.empty())
    (reply,) = chat.sent()
    assert reply.content.startswith("⏳ Queued, next in line")
    assert typing == [reply.channel]  # and typing shows while it waits
    await asyncio.gather(holder, asking)
    await chat.settle()
    final = (await chat.current(reply)).content
    assert final.startswith("✅") and "my turn" in final and chat.sent() == []


async def test_a_full_sandbox_says_busy_at_once_not_silence(dpy, one_slot):
    holder = asyncio.create_task(one_slot.run(HOLD))
    await until(lambda: one_slot.stats()["running"] == 1)
    waiting = asyncio.create_task(one_slot.run("pass"))
    await until(lambda: one_slot.waiting == 1)
    _, reply = await run("!run print(1)")
    assert "busy" in reply.content and "try again" in reply.content
    assert "🔁 Run again" in chat.labels(dpy, reply)
    await asyncio.gather(holder, waiting)


async def test_one_run_per_person_at_a_time(dpy, one_slot):
    holder = asyncio.create_task(one_slot.run(HOLD))
    await until(lambda: one_slot.stats()["running"] == 1)
    first = asyncio.create_task(chat.say("!run print('first')"))
    await until(lambda: not dpytest.sent_queue.empty())
    (queued,) = chat.sent()
    _, second = await run("!run print('second')")
    assert "You have a run going already" in second.content
    await asyncio.gather(holder, first)
    assert "first" in (await chat.current(queued)).content


async def test_a_sandbox_stopped_mid_run_is_reported_not_lost(dpy, one_slot):
    asking = asyncio.create_task(chat.say("!run " + HOLD))
    await until(lambda: one_slot.stats()["running"] == 1)
    await one_slot.close()
    await asking
    await chat.settle()
    (reply,) = chat.sent()
    content = (await chat.current(reply)).content
    assert "sandbox" in content.lower() and "try again" in content
    assert "error id" not in content


# -- where code runs ---------------------------------------------------------------


async def test_moderators_restrict_runs_to_listed_channels(dpy):
    from discord.ext.test import backend

    alice, bob, general = members()
    other = backend.make_text_channel("other", general.guild)
    _, refused = await run("!run channels add", member=1)
    assert "Only moderators" in refused.content
    await chat.make_moderator(bob, general)
    _, added = await run("!run channels add", member=1)
    assert f"<#{general.id}>" in added.content
    await dpytest.message("!run print('elsewhere')", channel=other)
    elsewhere = dpytest.get_message().content
    assert f"Code runs only in <#{general.id}>" in elsewhere and "Finished" not in elsewhere
    _, here = await run("!run print('here')")
    assert "Finished" in here.content
    _, listed = await run("!run channels list")
    assert f"<#{general.id}>" in listed.content
    await run("!run channels remove", member=1)
    await dpytest.message("!run print('elsewhere')", channel=other)
    assert "Finished" in dpytest.get_message().content


async def test_code_that_starts_with_the_word_channels_still_runs(dpy):
    _, reply = await run("!run channels = 3; print(channels)")
    assert "Finished" in reply.content and "3" in reply.content


# -- the console: the same service, printed ---------------------------------------


async def test_console_buttons_rerun_and_delete_a_run(local):
    (first,) = await local.handle("!run print('again')")
    labels = [b.label for b in first.buttons]
    again = labels.index("🔁 Run again") + 1
    (rerun,) = await local.handle(f"!press {again}")
    assert rerun.meta["status"] == "ok" and "again" in rerun.content
    delete = [b.label for b in rerun.buttons].index("🗑 Delete") + 1
    (gone,) = await local.handle(f"!press {delete}")
    assert "deleted" in gone.content
