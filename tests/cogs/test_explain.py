"""!explain and !ask through discord.py's command machinery (dpytest, real
interactions) and the console, with the real sandbox running the demos."""

import json
import subprocess

import discord.ext.test as dpytest
import pytest

from bot.faq import Who
from bot.sandbox import SandboxClient
from tests.conftest import PYTHON, REPO, cli_env
from tests.interactions import _deliver, _payload, click, slash


async def say(text):
    await dpytest.message(text)
    return dpytest.get_message()


def knowledge(bot):
    return bot.resources.knowledge


def button_labels(bot, message) -> list[str]:
    """The labels of a message's buttons, from discord.py's view store."""
    items = bot._connection._view_store._views[message.id]
    return [item.label for item in items.values()]


def channel_and_member():
    config = dpytest.get_config()
    return config.channels[0], config.members[0]


async def test_explain_alone_lists_the_topics_by_group(dpy):
    message = await say("!explain")
    names = [f.name for f in message.embeds[0].fields]
    assert names[0].startswith("Running coroutines")
    text = " ".join(f.value for f in message.embeds[0].fields)
    assert "`gather`" in text
    channel, member = channel_and_member()
    calls = await click(dpy, member, channel, message, "Next ▶")
    page_two = json.dumps(calls[0][1]["data"]["embeds"][0]["fields"])
    assert "`nested-run`" in page_two and "Errors" in page_two


async def test_explain_a_topic_shows_prose_demo_and_a_live_run(dpy):
    message = await say("!explain gather")
    embed = message.embeds[0]
    assert "gather" in embed.title
    assert "```py" in embed.description and "ran live on Python" in embed.description
    assert "['slow', 'fast'] after 1.0 s" in embed.description  # virtual time: exact
    assert embed.fields[0].name == "Related"


@pytest.mark.parametrize("query", ["GATHER!", "asyncio.gather", "gahter", "Gather  "])
async def test_explain_accepts_titles_aliases_case_and_typos(dpy, query):
    reply = await knowledge(dpy).explain(0, query, Who(1))
    assert reply.meta["topic"] == "gather"


async def test_explain_of_nonsense_says_so_and_offers_buttons_not_a_guess(dpy):
    reply = await knowledge(dpy).explain(0, "zzqx frobnicator", Who(1))
    assert reply.meta["topic"] is None
    assert "don't have a good answer" in reply.content


async def test_ask_finds_the_topic_for_a_pasted_error(dpy):
    question = (
        "Traceback (most recent call last):\n"
        '  File "/home/me/bot.py", line 12, in on_message\n'
        "    asyncio.run(reply(message))\n"
        "RuntimeError: asyncio.run() cannot be called from a running event loop"
    )
    reply = await knowledge(dpy).ask(0, question, Who(1))
    assert reply.meta["topic"] == "nested-run"
    assert len(reply.meta["alternatives"]) <= 2


async def test_ask_answers_with_alternatives_as_buttons(dpy):
    message = await say("!ask how do i limit how many downloads run at the same time")
    assert message.embeds and "Semaphore" in message.embeds[0].title
    labels = button_labels(dpy, message)
    assert labels[0] == "Run it yourself" and len(labels) >= 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("!ask", "Ask me something"),
        ("!ask " + "why " * 1500, "I read at most"),
    ],
)
async def test_bad_questions_get_a_short_friendly_answer(dpy, text, expected):
    message = await say(text)
    assert expected in message.content
    assert "Traceback" not in message.content


async def test_a_question_cannot_ping_anyone(dpy):
    message = await say("!ask @everyone <@123456789> why is my bot frozen")
    content = message.content + " ".join(e.description or "" for e in message.embeds)
    assert "@everyone" not in content and "<@123456789>" not in content


async def test_slash_explain_autocompletes_and_answers(dpy):
    channel, member = channel_and_member()
    data = {
        "id": "1",
        "name": "explain",
        "type": 1,
        "options": [{"name": "topic", "type": 3, "value": "gath", "focused": True}],
    }
    calls = await _deliver(dpy, _payload(dpy, member, channel, 4, data), 1)
    choices = calls[0][1]["data"]["choices"]
    assert {"name": choices[0]["name"], "value": "gather"} == choices[0]
    calls = await slash(dpy, member, channel, "explain", wait_for=2, topic="gather")
    embeds = [c[1].get("data", c[1]).get("embeds") for c in calls]
    assert any(e and "gather" in e[0]["title"] for e in embeds)


async def test_slash_ask_answers(dpy):
    channel, member = channel_and_member()
    calls = await slash(dpy, member, channel, "ask", wait_for=2, question="what does await do")
    assert any("embeds" in json.dumps(c[1]) for c in calls)


async def test_run_it_yourself_opens_the_run_form_holding_the_demo(dpy):
    channel, member = channel_and_member()
    message = await say("!explain sleep-zero")
    calls = await click(dpy, member, channel, message, "Run it yourself")
    assert calls[0][1]["type"] == 9  # a modal
    text_input = calls[0][1]["data"]["components"][0]["components"][0]
    assert "asyncio.sleep(0)" in text_input["value"]


async def test_a_related_topic_button_shows_that_topic(dpy):
    channel, member = channel_and_member()
    message = await say("!explain gather")
    label = next(label for label in button_labels(dpy, message) if "TaskGroup" in label)
    calls = await click(dpy, member, channel, message, label)
    assert "TaskGroup" in calls[0][1]["data"]["embeds"][0]["title"]


async def test_with_the_sandbox_down_the_topic_still_answers_with_expected_output(dpy, tmp_path):
    knowledge(dpy).sandbox = SandboxClient(tmp_path / "no-such.sock")
    reply = await knowledge(dpy).topic("coroutine")
    assert "expected output; the sandbox is unavailable right now" in reply.embed.description
    assert reply.meta["demo"] == "expected"


async def test_lookups_are_logged_and_show_in_stats_and_misses(dpy):
    await say("!explain gather")
    await say("!ask how do i center a div in css")
    await say("!faq gather")  # no such FAQ: the ranking answers with the topic
    store = dpy.resources.faqs
    stats = await store.stats(dpytest.get_config().guilds[0].id, 1)
    assert stats.by_command == {"explain": 1, "ask": 1, "faq": 1}
    assert ("topic:gather", 2) in stats.top_entries
    misses = await store.misses(dpytest.get_config().guilds[0].id, 1)
    assert any("center" in group.example for group in misses)


async def test_in_the_console_run_it_yourself_is_a_ready_message(local):
    (reply,) = await local.handle("!explain gather")
    assert reply.meta["topic"] == "gather"
    (ready,) = await local.handle("!press 1")
    assert ready.content.count("```") == 2 and "!run --fast" in ready.content


def test_send_json_gives_topic_and_alternatives(tmp_path):
    done = subprocess.run(
        [PYTHON, "-m", "bot", "send", "--json", "!explain create_task", "!ask what is a coroutine"],
        cwd=REPO,
        env=cli_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    explain, ask = (json.loads(line) for line in done.stdout.splitlines())
    assert explain["meta"]["topic"] == "create-task"
    assert ask["meta"]["topic"] == "coroutine" and isinstance(ask["meta"]["alternatives"], list)
