from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from bot.replies import (
    Attachment,
    Button,
    Embed,
    EmbedField,
    Reply,
    clean,
    codeblock,
    discord_kwargs,
    render_text,
)

SHARED_OUTPUT_ATTACKS = Path(__file__).resolve().parents[3] / "shared/sandbox-attacks/output"


def test_mass_mentions_are_broken():
    text = clean("@everyone and @here and <@&123> and <@456> and <@!789>")
    assert "@everyone" not in text and "@here" not in text
    assert "<@&123>" not in text and "<@456>" not in text and "<@!789>" not in text


def test_bidi_overrides_and_nul_are_removed():
    assert clean("a\u202eb\x00c\u2066") == "abc"


@given(st.text())
def test_nothing_escapes_a_code_block(text):
    block = codeblock(text, "py")
    assert block.startswith("```py\n") and block.endswith("\n```")
    inner = block[len("```py\n") : -len("\n```")]
    assert "```" not in inner
    assert "@everyone" not in inner and "@here" not in inner
    assert len(block) <= 2000


def test_output_attack_files_are_neutralised():
    # What the snippets in shared/sandbox-attacks/output print, relayed in a block.
    printed = {
        "84": "@everyone PING-84\n@here PING-84\n@everyone @here free nitro\n",
        "86": "result: 42\n```FENCE-86\n# You won a prize!\n[x](https://example.invalid)\n```py\n",
    }
    if SHARED_OUTPUT_ATTACKS.is_dir():  # the shared folder is an extra; the texts are here
        assert {p.name[:2] for p in SHARED_OUTPUT_ATTACKS.glob("*.py")} <= set(printed)
    for text in printed.values():
        block = codeblock(text)
        assert "@everyone" not in block and "@here" not in block
        assert "```FENCE-86" not in block
        assert block.count("```") == 2


def test_embed_renders_as_a_titled_text_block():
    reply = Reply(embed=Embed("Title", "Body", (EmbedField("Key", "Value"),), footer="foot"))
    text = render_text(reply, prefix="!")
    assert text.splitlines()[0] == "┌─ Title"
    assert "│ Body" in text and "│ Key: Value" in text and "│ — foot" in text


def test_buttons_are_listed_with_how_to_press_them():
    reply = Reply("pick", buttons=(Button("First", "x"), Button("Second", "y")))
    text = render_text(reply, prefix="!")
    assert "[1] First" in text and "[2] Second" in text and "!press N" in text


def test_attachments_are_written_and_their_path_printed(tmp_path):
    reply = Reply("see file", attachments=(Attachment("out.txt", b"hello"),))
    text = render_text(reply, tmp_path, prefix="!")
    assert str(tmp_path / "out.txt") in text
    assert (tmp_path / "out.txt").read_bytes() == b"hello"


def test_discord_rendering_respects_discord_limits():
    reply = Reply("x" * 5000, embed=Embed("t" * 300, "d" * 5000, (EmbedField("n", "v" * 2000),)))
    kwargs = discord_kwargs(reply)
    assert len(kwargs["content"]) <= 2000
    embed = kwargs["embed"]
    assert len(embed.title) <= 256 and len(embed.description) <= 4096
    assert len(embed.fields[0].value) <= 1024
