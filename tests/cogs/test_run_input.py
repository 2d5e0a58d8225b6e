"""Where `!run` finds its code and input: the message, a file, the message it
replies to, the right-click menu; and /run under the same rules."""

from __future__ import annotations

import discord
import discord.ext.test as dpytest

from tests import chat
from tests.interactions import message_menu, slash

ASKS_NAME = "```py\nname = input('name? ')\nprint(f'hello {name}')\n```"


async def test_text_after_the_code_block_is_what_input_reads(dpy):
    await dpytest.message("!run " + ASKS_NAME + "\nAda")
    assert "name? hello Ada" in dpytest.get_message().content


async def test_a_marked_input_block_wins_over_text_after_it(dpy):
    await dpytest.message("!run " + ASKS_NAME + "\n```input\nGrace\n```\nignored")
    assert "hello Grace" in dpytest.get_message().content


async def test_replying_with_run_runs_the_code_in_that_message(dpy):
    question = await chat.say("why does this print twice?\n```py\nprint('twice' * 2)\n```", 1)
    await chat.reply(question, "!run")
    content = dpytest.get_message().content
    assert content.startswith("✅") and "twicetwice" in content


async def test_a_reply_can_carry_options_and_the_input(dpy):
    question = await chat.say(ASKS_NAME, 1)
    await chat.reply(question, "!run --fast Linus")
    assert "hello Linus" in dpytest.get_message().content


async def test_replying_to_a_message_with_an_attached_file_runs_the_file(dpy, tmp_path):
    script = tmp_path / "bug.py"
    script.write_text("print('from the file')\n")
    question = await chat.say("this fails, help", 1, attachments=[str(script)])
    await chat.reply(question, "!run")
    assert "from the file" in dpytest.get_message().content


async def test_replying_to_a_message_without_code_says_so(dpy):
    question = await chat.say("how do I await in a loop?", 1)
    await chat.reply(question, "!run")
    assert "no code block or .py file" in dpytest.get_message().content


async def test_an_attached_file_reads_the_messages_text_as_input(dpy, tmp_path):
    script = tmp_path / "greet.py"
    script.write_text("print('hi', input())\n")
    await dpytest.message("!run Barbara", attachments=[str(script)])
    assert "hi Barbara" in dpytest.get_message().content


async def test_no_code_at_all_says_every_way_to_give_some(dpy):
    await dpytest.message("!run")
    content = dpytest.get_message().content
    assert "There is no code to run" in content and "reply" in content


async def run_code_menu(bot, member, channel, message: discord.Message):
    return await message_menu(bot, member, channel, "Run code", chat.stored(message), 2)


async def test_the_run_code_menu_runs_a_messages_code_block(dpy):
    config = dpytest.get_config()
    question = await chat.say("look:\n```py\nprint(sum(range(10)))\n```", 1)
    calls = await run_code_menu(dpy, config.members[0], config.channels[0], question)
    assert calls[0][1]["type"] == 5  # thinking while it runs
    assert "45" in calls[1][1]["content"]


async def test_the_run_code_menu_on_a_message_without_code_says_so(dpy):
    config = dpytest.get_config()
    question = await chat.say("no code here", 1)
    calls = await run_code_menu(dpy, config.members[0], config.channels[0], question)
    assert "no code block or .py file" in calls[-1][1]["content"]


async def test_slash_run_has_the_same_cooldown_as_the_prefix_command(dpy):
    config = dpytest.get_config()
    member, channel = config.members[0], config.channels[0]
    for _ in range(5):
        await dpytest.message("!run print(1)")
        assert "Finished" in dpytest.get_message().content
    calls = await slash(dpy, member, channel, "run", code="print(1)")
    assert calls[0][1]["type"] == 4  # answered at once, not deferred
    assert "Slow down" in calls[0][1]["data"]["content"]
    assert calls[0][1]["data"]["flags"] & 64  # ephemeral: only the asker sees it


async def test_owners_skip_the_cooldown_on_slash_run_too(dpy):
    config = dpytest.get_config()
    member, channel = config.members[0], config.channels[0]
    dpy.owner_ids = {member.id}
    for _ in range(7):
        calls = await slash(dpy, member, channel, "run", wait_for=2, code="print(6 * 7)")
        assert "42" in calls[-1][1]["content"]


def test_run_and_its_menu_are_user_installable_and_work_in_dms(dpy):
    for command in (
        dpy.tree.get_command("run"),
        dpy.tree.get_command("Run code", type=discord.AppCommandType.message),
    ):
        data = command.to_dict(dpy.tree)
        assert sorted(data["integration_types"]) == [0, 1]  # guild and user installs
        assert sorted(data["contexts"]) == [0, 1, 2]  # servers, the bot's DMs, other DMs
