"""Whatever a user types, the bot answers briefly and never crashes or hangs."""

import asyncio

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
MESSAGES = st.one_of(
    ODD_TEXT,
    st.lists(st.one_of(FRAGMENTS, ODD_TEXT), max_size=8).map("".join),
    st.builds(lambda n, c: c * n, st.integers(3990, 4100), st.sampled_from(["a", "`", " "])),
)


def check(replies):
    assert replies, "every message gets a reply"
    for reply in replies:
        text = reply.content + (reply.embed.description if reply.embed else "")
        assert len(reply.content) <= 2000
        assert "Traceback" not in text
        assert "error id" not in text, f"a bug surfaced: {reply.content}"
        assert "@everyone" not in text and "@here" not in text


@settings(
    max_examples=150,
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
