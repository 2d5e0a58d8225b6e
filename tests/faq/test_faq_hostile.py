"""Hostile text through lookup and search: a clear error or a correct answer,
never an exception of another kind and never a change to the data."""

import asyncio

import pytest
from faq_samples import ALICE, BLOCKING, GATHER, GUILD
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.errors import InvalidInput
from bot.faq import FaqStore

HOSTILE = [
    "'; DROP TABLE faq; --",
    '" OR 1=1 --',
    "gather' OR '1'='1",
    "NEAR(gather blocking, 2)",
    "gather*",
    "*",
    '"',
    '""',
    '"unbalanced',
    "((gather",
    "gather)",
    "-gather",
    "- -",
    "^gather",
    "name:gather",
    "{name title}: gather",
    "gather AND OR NOT",
    "NOT",
    "AND",
    "a\x00b",
    "\x00",
    "\ud800",
    "\u0261ather",  # Latin small script g
    "g\u0430ther",  # Cyrillic a
    "\uff47\uff41\uff54\uff48\uff45\uff52",  # fullwidth "gather"
    "gather\u200b",
    "\u202egather",
    "🐍 asyncio",
    "x" * 200,
    "x" * 100_000,
    "%_%",
    "\\",
    "gather; SELECT * FROM lookup_log",
]


@pytest.fixture(scope="module")
def runner():
    with asyncio.Runner() as r:
        yield r


@pytest.fixture(scope="module")
def hostile_store(runner, tmp_path_factory):
    d = tmp_path_factory.mktemp("hostile")
    (d / "seed").mkdir()
    (d / "seed" / "blocking-calls.md").write_text(BLOCKING)
    (d / "seed" / "gather.md").write_text(GATHER)
    store = runner.run(FaqStore(d / "h.db", seed_dir=d / "seed").open())
    yield store
    runner.run(store.close())


def fingerprint(runner, store):
    async def read():
        await store.log.flush()
        faq = await store.db.read("SELECT id, name, title, content, revision FROM faq ORDER BY id")
        keys = await store.db.read("SELECT faq_id, key, live FROM faq_key ORDER BY faq_id, key")
        return [tuple(r) for r in faq], [tuple(r) for r in keys]

    return runner.run(read())


def check(runner, store, text):
    try:
        r = runner.run(store.lookup(GUILD, text, ALICE))
        assert r.kind in ("exact", "alias", "search", "fuzzy", "miss")
        assert (r.entry is None) == (r.kind == "miss")
        assert len(r.suggestions) <= 3
    except InvalidInput as exc:
        assert exc.message
    try:
        hits = runner.run(store.search(GUILD, text))
        assert all(h.name in ("gather", "blocking-calls") for h in hits)
    except InvalidInput as exc:
        assert exc.message


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_gives_an_answer_or_a_clear_error(runner, hostile_store, text):
    before = fingerprint(runner, hostile_store)
    check(runner, hostile_store, text)
    assert fingerprint(runner, hostile_store) == before


def test_quotes_and_operators_around_a_real_word_still_find_it(runner, hostile_store):
    for text in [
        '"gather"',
        "gather*",
        "(gather)",
        "-gather",
        "gather))",
        "  GATHER\x00",
        "\uff47\uff41ther",
    ]:
        r = runner.run(hostile_store.lookup(GUILD, text, ALICE))
        assert r.entry is not None and r.entry.name == "gather", text


def test_fts_index_is_intact_after_hostile_input(runner, hostile_store):
    for text in HOSTILE:
        check(runner, hostile_store, text)

    async def integrity():
        async with hostile_store.db.write() as conn:
            await conn.execute("INSERT INTO search_fts (search_fts) VALUES ('integrity-check')")
        return await hostile_store.db.read("PRAGMA integrity_check")

    assert runner.run(integrity())[0][0] == "ok"


syntax = st.sampled_from(
    ['"', "'", "*", "(", ")", "-", "^", ":", "NEAR", "AND", "OR", "NOT", "+", ";", "--",
     "\x00", "{", "}", "gather", "blocking", " ", "\u0430", "\uff47", "SELECT", "%"]
)  # fmt: skip
hostile_text = st.one_of(
    st.text(max_size=300),
    st.lists(syntax, max_size=40).map("".join),
    st.lists(st.one_of(syntax, st.text(max_size=5)), max_size=30).map(" ".join),
)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=hostile_text)
def test_any_text_gives_an_answer_or_a_clear_error(runner, hostile_store, text):
    check(runner, hostile_store, text)
