"""The output block against ordinary and hostile output: line numbers, what is
shown inline, what is attached, and nothing that can ping or break out."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bot import output
from bot.replies import MAX_CONTENT
from bot.runreply import result_reply
from bot.sandbox import Result

GUTTER = re.compile(r"^(?:\x1b\[0m)?\s*(\d+|⋮) │ ?", re.MULTILINE)


def reply_for(text: str, **fields):
    return result_reply(
        Result(status="ok", output=text, output_bytes=len(text.encode()), **fields),
        timeout=10,
        memory_mib=256,
    )


def block_of(content: str) -> str:
    """The code block's body (between its fences)."""
    assert content.count("```") == 2, content
    assert content.endswith("```")
    return content.split("```", 1)[1].split("\n", 1)[1].rsplit("\n```", 1)[0]


def numbers(body: str) -> list[str]:
    return GUTTER.findall(body)


def rows(body: str) -> list[str]:
    """The lines as the program printed them, without their gutters."""
    return [GUTTER.sub("", line, count=1) for line in body.split("\n")]


def test_short_output_is_numbered_and_whole():
    reply = reply_for("first\n\nthird\n")
    body = block_of(reply.content)
    assert body == "1 │ first\n2 │\n3 │ third"
    assert reply.attachments == ()


def test_no_output_says_so_without_an_empty_block():
    for text in ("", "\n", "   \n\n"):
        reply = reply_for(text)
        assert reply.content.endswith("\n(no output)") and "```" not in reply.content


def test_fifteen_lines_fit_and_sixteen_do_not():
    fifteen = "".join(f"{i}\n" for i in range(1, 16))
    assert reply_for(fifteen).attachments == ()
    reply = reply_for(fifteen + "16\n")
    body = block_of(reply.content)
    assert numbers(body) == ["1", "2", "3", "⋮", *map(str, range(6, 17))]
    assert "(2 more lines in output.txt)" in body
    (attachment,) = reply.attachments
    assert attachment.data.decode() == fifteen + "16"


def test_ten_thousand_lines_show_the_start_and_the_end_and_attach_all():
    text = "".join(f"line {i}\n" for i in range(10_000))
    reply = reply_for(text)
    body = block_of(reply.content)
    assert len(body.split("\n")) <= output.MAX_LINES
    assert body.split("\n")[:4] == [
        "    1 │ line 0",
        "    2 │ line 1",
        "    3 │ line 2",
        "    ⋮ │ (9,986 more lines in output.txt)",
    ]
    assert body.split("\n")[-1] == "10000 │ line 9999"
    assert reply.attachments[0].data.decode() == text.removesuffix("\n")


def test_an_error_at_the_end_of_long_output_is_shown():
    text = "".join(f"{i}\n" for i in range(500)) + "Traceback (most recent call last):\n"
    text += '  File "snippet.py", line 3, in <module>\nValueError: the end\n'
    body = block_of(reply_for(text).content)
    assert rows(body)[-1] == "ValueError: the end"


def test_a_single_long_line_is_cut_inline_and_whole_in_the_file():
    text = "x" * 100_000
    reply = reply_for(text)
    body = block_of(reply.content)
    assert rows(body) == ["x" * output.MAX_LINE + "…"]
    assert reply.attachments[0].data.decode() == text


def test_ten_megabytes_give_a_message_that_fits_and_the_whole_file():
    text = ("y" * 99 + "\n") * 100_000
    reply = reply_for(text)
    assert len(reply.content) <= MAX_CONTENT
    assert len(block_of(reply.content)) < output.MAX_CHARS + 200
    assert len(reply.attachments[0].data) == len(text) - 1


def test_about_a_thousand_characters_inline_at_most():
    text = "".join(f"{i:03} " + "z" * 150 + "\n" for i in range(12))
    reply = reply_for(text)
    body = block_of(reply.content)
    assert sum(len(r) for r in rows(body)) <= output.MAX_CHARS
    assert rows(body)[-1].startswith("011 ") and reply.attachments


def test_colours_stay_in_an_ansi_block_and_the_gutter_stays_plain():
    text = "\x1b[1;31mred and bold\nstill red\x1b[0m\nplain\n"
    reply = reply_for(text)
    assert "```ansi\n" in reply.content
    body = block_of(reply.content)
    assert body.split("\n") == [
        "\x1b[0m1 │ \x1b[1;31mred and bold",
        "\x1b[0m2 │ \x1b[1;31mstill red\x1b[0m",  # the colour on since line 1, set again
        "\x1b[0m3 │ plain",
    ]


def test_a_coloured_file_has_no_escapes():
    text = "".join(f"\x1b[3{i % 8}m{i}\x1b[0m\n" for i in range(40))
    reply = reply_for(text)
    assert reply.attachments[0].data.decode() == "\n".join(map(str, range(40)))


def test_fences_in_output_cannot_close_the_block():
    reply = reply_for("```\nescaped?\n````py\n``` @everyone\n")
    body = block_of(reply.content)
    assert "```" not in body and rows(body)[1] == "escaped?"


def test_mentions_in_output_ping_nobody():
    reply = reply_for("@everyone @here <@&123> <@!456> <@789>\n")
    content = reply.content
    for ping in ("@everyone", "@here", "<@&123>", "<@!456>", "<@789>"):
        assert ping not in content


def test_bidi_overrides_are_removed_and_zero_width_spaces_break_nothing():
    text = "\u202egnp.exe\u202c \u2066isolate\u2069\n`\u200b``\u200b` @\u200beveryone\n"
    body = block_of(reply_for(text).content)
    assert rows(body)[0] == "gnp.exe isolate"
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", body)


def test_screen_control_and_hyperlinks_are_removed():
    text = (
        "\x1b[2J\x1b[H\x1b]0;title\x07\x1b[?1049h"  # clear, home, title, alternate screen
        "\x1b]8;;https://example.com\x1b\\click\x1b]8;;\x1b\\"  # an OSC 8 hyperlink
        "\x1b[>c\x1b]52;c;Y2xpcA==\x07\x9b6n\n"  # what a terminal would answer or obey
    )
    body = block_of(reply_for(text).content)
    assert body == "1 │ click6n"


def assert_inert(content: str) -> None:
    """What any reply to any output must be."""
    assert len(content) <= MAX_CONTENT
    if content.endswith("(no output)"):
        assert "```" not in content
    else:
        block_of(content)
    assert not re.search(r"@(everyone|here)|<@[!&]?\d+>", content)
    assert not re.search("[\u202a-\u202e\u2066-\u2069\x00]", content)
    for escape in re.finditer("\x1b", content):
        assert re.match(r"\x1b\[[0-9;]*m", content[escape.start() :])


HOSTILE = st.sampled_from(
    ["```", "`", "@everyone", "@here", "<@&123>", "<@1>", "\u200b", "\u202e", "\u2066", "\x1b[",
     "\x1b]8;;u\x1b\\", "31m", "\r", "\b", "\t", "\n", "\x1b[31m", "\x1b[0m", "x" * 300, "é"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(HOSTILE, st.text(max_size=20)), max_size=60))
def test_no_output_can_ping_or_break_the_reply(parts):
    reply = reply_for("".join(parts))
    assert_inert(reply.content)
