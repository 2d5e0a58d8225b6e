import json

import pytest
from faq_samples import ALICE, GUILD, MOD

from bot.errors import InvalidInput
from bot.faq import query as q


async def logged(store):
    await store.log.flush()
    return await store.db.read("SELECT * FROM lookup_log ORDER BY id")


async def test_exact_name_is_an_exact_match_whatever_the_case_and_spacing(store):
    r = await store.lookup(GUILD, "  Blocking   Calls ", ALICE)
    assert (r.kind, r.entry.name, r.score, r.query) == (
        "exact",
        "blocking-calls",
        1.0,
        "blocking-calls",
    )


async def test_alias_match(store):
    r = await store.lookup(GUILD, "heartbeat-blocked", ALICE)
    assert (r.kind, r.entry.name) == ("alias", "blocking-calls")


async def test_words_found_in_the_text_are_a_search_match(store):
    r = await store.lookup(GUILD, "requests get", ALICE)
    assert (r.kind, r.entry.name) == ("search", "blocking-calls")
    assert r.score > 0


async def test_last_word_may_be_a_prefix(store):
    r = await store.lookup(GUILD, "corout", ALICE)
    assert r.kind == "search"


async def test_a_typo_in_a_name_is_a_fuzzy_match(store):
    r = await store.lookup(GUILD, "blockign-calls", ALICE)
    assert (r.kind, r.entry.name) == ("fuzzy", "blocking-calls")
    assert 0.8 <= r.score < 1


async def test_a_miss_suggests_at_most_three_names(store):
    for i in range(5):
        await store.add(GUILD, f"gathers-{i}", "x", MOD)
    r = await store.lookup(GUILD, "gather things", ALICE)
    assert r.kind == "miss" and r.entry is None
    assert len(r.suggestions) == 3
    assert all(s.startswith("gather") for s in r.suggestions)


async def test_a_miss_suggests_entries_sharing_any_word(store):
    r = await store.lookup(GUILD, "event loop blocked forever", ALICE)
    assert r.kind == "miss"
    assert "blocking-calls" in r.suggestions


async def test_every_lookup_is_logged_with_how_it_matched(store):
    who = ALICE
    await store.lookup(GUILD, "gather", who)
    await store.lookup(GUILD, "Concurrently", who, command="ask")
    await store.lookup(GUILD, "nothing-like-this", who)
    rows = await logged(store)
    assert [(r["kind"], r["command"], r["matched"]) for r in rows] == [
        ("exact", "faq", "gather"),
        ("alias", "ask", "gather"),
        ("miss", "faq", None),
    ]
    r = rows[1]
    assert (r["guild_id"], r["channel_id"], r["user_id"]) == (GUILD, 99, 7)
    assert (r["query_raw"], r["query_norm"]) == ("Concurrently", "concurrently")
    assert r["elapsed_ms"] >= 0 and r["at"] > 0
    assert isinstance(json.loads(rows[2]["suggestions"]), list)


async def test_search_prefers_all_words_then_any_word(store):
    both = await store.search(GUILD, "asyncio gather")
    assert both[0].name == "gather"
    anyword = await store.search(GUILD, "gather unrelatedword")
    assert [s.name for s in anyword] == ["gather"]
    assert await store.search(GUILD, "zzzz qqqq") == []
    assert await store.search(GUILD, "!!! ***") == []


async def test_search_limit_is_clamped(store):
    for i in range(30):
        await store.add(GUILD, f"n{i}", "common word", MOD)
    assert len(await store.search(GUILD, "common", limit=1000)) == 25
    assert len(await store.search(GUILD, "common", limit=0)) == 1


async def test_removed_entries_are_not_found_by_search(store):
    await store.add(GUILD, "special", "xylophone", MOD)
    assert await store.search(GUILD, "xylophone")
    await store.remove(GUILD, "special", MOD)
    assert await store.search(GUILD, "xylophone") == []


async def test_search_index_follows_aliases_and_edits(store):
    await store.add(GUILD, "a", "first", MOD)
    await store.alias_add(GUILD, "a", "zebra", MOD)
    assert [s.name for s in await store.search(GUILD, "zebra")] == ["a"]
    await store.edit(GUILD, "a", "second", MOD)
    assert await store.search(GUILD, "first") == []
    assert [s.name for s in await store.search(GUILD, "second")] == ["a"]


async def test_too_long_or_empty_queries_are_refused_before_anything_else(store):
    with pytest.raises(InvalidInput, match="too long"):
        await store.lookup(GUILD, "x" * 100_000, ALICE)
    with pytest.raises(InvalidInput, match="too long"):
        await store.search(GUILD, "x" * 100_000)
    with pytest.raises(InvalidInput):
        await store.lookup(GUILD, "", ALICE)


async def test_stopwords_are_ignored_unless_that_is_all_there_is(store):
    await store.add(GUILD, "cancel-task", "Call task.cancel() and await it.", MOD)
    r = await store.lookup(GUILD, "how do I cancel a task", ALICE)
    assert (r.kind, r.entry.name) == ("search", "cancel-task")
    assert await store.search(GUILD, "how do I") == []
    assert (await store.lookup(GUILD, "how do i", ALICE)).kind == "miss"


async def test_matches_in_name_or_title_rank_before_body_only_matches(store):
    await store.add(GUILD, "body-heavy", "semaphore " * 50, MOD)
    await store.add(GUILD, "limits", "Limit concurrency.", MOD, title="Using a semaphore")
    hits = await store.search(GUILD, "semaphore")
    assert [h.name for h in hits] == ["limits", "body-heavy"]


async def test_only_words_of_three_letters_or_more_are_used_as_prefixes(store):
    await store.add(GUILD, "zz-entry", "xyzzyplugh", MOD)
    assert await store.search(GUILD, "xy") == []
    assert [h.name for h in await store.search(GUILD, "xyz")] == ["zz-entry"]


def test_fuzzy_candidates_share_the_first_letter_when_there_are_thousands():
    keys = [f"k{i}-name" for i in range(3000)] + ["blocking-calls", "vlocking-calls"]
    assert [k for _, k in q.closest("blockign-calls", keys)] == ["blocking-calls"]
    assert q.closest("blockign-calls", keys[-2:])[0][1] == "blocking-calls"
    assert len(q.closest("blockign-calls", keys[-2:])) == 2
