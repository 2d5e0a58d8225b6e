import json

import pytest
from faq_samples import BLOCKING

from bot.errors import InvalidInput
from bot.faq import FaqStore, seed
from bot.faq.models import EntryData


def test_parses_the_seed_format():
    e = seed.parse_markdown(BLOCKING)
    assert e.name == "blocking-calls"
    assert e.title == 'Why does my bot freeze / "heartbeat blocked"?'
    assert e.aliases == ("heartbeat-blocked", "time-sleep")
    assert e.content.startswith("Calling `time.sleep()`")
    assert not e.content.endswith("\n")


def test_quoted_values_empty_lists_crlf_and_bom():
    text = "\ufeff---\r\nname: 'x'\r\ntitle: \"A: b\"\r\naliases: []\r\n---\r\nbody\r\n"
    assert seed.parse_markdown(text) == EntryData("x", "body", "A: b", ())


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name: x\n---\nbody", "must start"),
        ("---\nname: x\nbody", "no closing"),
        ("---\ntitle: t\n---\nbody", "needs a `name`"),
        ("---\nname: x\ncolour: red\n---\nbody", "unexpected front matter"),
        ("---\nname: x\naliases: a, b\n---\nbody", "`aliases` is a"),
        ("---\nname: x\n---\n", "content is empty"),
        ("---\nname: list\n---\nbody", "subcommand"),
        ("---\nname: x\n---\n" + "b" * 2001, "limit is 2000"),
    ],
)
def test_bad_files_give_a_message_naming_the_file(text, message):
    with pytest.raises(InvalidInput, match=message) as info:
        seed.parse_markdown(text, "x.md")
    assert info.value.message.startswith("x.md: ")


@pytest.mark.parametrize("title", ["", "plain", '"quoted"', "it's", "'single'", 'a "b" c'])
def test_render_then_parse_gives_the_same_entry(title):
    e = EntryData("n", "line one\n\n- line two", title, ("a", "b"))
    assert seed.parse_markdown(seed.render_markdown(e)) == e


def test_json_round_trip_and_errors():
    entries = [EntryData("a", "body", "T", ("x",)), EntryData("b", "body2")]
    assert seed.parse_json(seed.render_json(entries)) == entries
    for bad, message in [
        ("{", "not valid JSON"),
        ("{}", "must be a list"),
        ("[1]", "must be an object"),
        (json.dumps([{"name": "a", "content": "c", "aliases": "x"}]), "list of names"),
        (json.dumps([{"name": "a"}]), "content must be text"),
        ("[" * 100_000 + "]" * 100_000, "JSON"),
    ]:
        with pytest.raises(InvalidInput, match=message):
            seed.parse_json(bad)


def test_load_dir_skips_broken_and_duplicate_files(tmp_path, caplog):
    (tmp_path / "a.md").write_text(BLOCKING)
    (tmp_path / "b.md").write_text(BLOCKING)
    (tmp_path / "c.md").write_text("no front matter")
    (tmp_path / "d.md").write_bytes(b"\xff\xfe")
    assert [e.name for e in seed.load_dir(tmp_path)] == ["blocking-calls"]
    assert "duplicate name" in caplog.text and "c.md" in caplog.text


def test_load_dir_of_a_missing_directory_is_empty(tmp_path):
    assert seed.load_dir(tmp_path / "nope") == []


async def test_shipped_seed_files_all_load_as_defaults(tmp_path, caplog):
    files = sorted(seed.SEED_DIR.glob("*.md"))
    async with FaqStore(tmp_path / "real.db") as store:
        page = await store.list_page(0, 1, per_page=25)
    assert "not loaded" not in caplog.text and "skipping" not in caplog.text
    assert page.total == len(files)
