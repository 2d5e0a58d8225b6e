"""Whatever a user types, the bot answers briefly and never crashes or hangs."""

import asyncio

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.replies import discord_kwargs, render_text

ODD_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "M", "N", "P", "S", "Z", "C")),
    max_size=300,
)
FRAGMENTS = st.sampled_from(
    [
        "!",
        "!help",
        "!about",
        "!sync",
        "!press",
        "!run ",
        "!run --repl ",
        "!faq ",
        "!faq add ",
        "!faq search ",
        "!faq info ",
        "!faq list ",
        "!faq alias add ",
        "!faq revert x ",
        "!faq import",
        "!faq stats ",
        " ",
        "```",
        "```py\n",
        '"',
        "'",
        "\x00",
        "\u202e",
        "\u2066",
        "@everyone",
        "@here",
        "<@&1>",
        "\n",
        "!!",
        "\ufeff",
        "é",
        "😀",
    ]
)
COMMANDS = st.sampled_from(
    ["!help ", "!about ", "!run ", "!run --repl ", "!faq ", "!faq add x ", "!faq search ",
     "!faq info ", "!faq list ", "!faq alias add x ", "!faq revert x ", "!faq export "]
)  # fmt: skip
MESSAGES = st.one_of(
    ODD_TEXT,
    st.builds(str.__add__, COMMANDS, ODD_TEXT),
    st.builds(str.__add__, COMMANDS, FRAGMENTS),
    st.lists(st.one_of(FRAGMENTS, ODD_TEXT), max_size=8).map("".join),
    st.builds(lambda n, c: c * n, st.integers(3990, 4100), st.sampled_from(["a", "`", " "])),
)


def check(replies):
    assert replies, "every message gets a reply"
    for reply in replies:
        assert reply.content or reply.embed, "a reply says something"
        # What Discord would receive, and what the console prints.
        sent = discord_kwargs(reply)
        shown = [sent["content"] or "", render_text(reply, prefix="!")]
        if "embed" in sent:
            shown.append(str(sent["embed"].to_dict()))
        for text in shown:
            # A snippet's own traceback (File "snippet.py") is output; the bot's never is.
            assert 'File "/' not in text and "site-packages" not in text
            assert "error id" not in text, f"a bug surfaced: {reply.content}"
            assert "@everyone" not in text and "@here" not in text
        assert len(sent["content"] or "") <= 2000


@settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(message=MESSAGES)
async def test_any_message_gets_a_short_safe_reply(local, message):
    async with asyncio.timeout(10):
        check(await local.handle(message))


async def test_named_oddities_each_get_a_clear_reply(local):
    cases = {
        "": "Empty message",
        "!": "Type a command name after `!`",
        "!help " + "x" * 3990: "no command called",
        "!help " + "x" * 4100: "Discord allows at most",
        "!help ```py\nunclosed": "no command called",
        "!help \x00\x00": "no command called",
        "!help \u202eevil\u202c": "no command called",
        '!help "unbalanced': "no command called",
    }
    for message, expected in cases.items():
        replies = await local.handle(message)
        check(replies)
        assert expected in replies[0].content, (message[:30], replies[0].content)
