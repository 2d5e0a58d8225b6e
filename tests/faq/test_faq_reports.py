import random
import time

import pytest
from faq_samples import ALICE, GUILD, MOD, OTHER

from bot.errors import InvalidInput
from bot.faq import EntryData, LookupRecord, Who
from bot.faq.query import group_misses


async def test_stats_count_lookups_hits_and_tops(store):
    for q in ["gather", "gather", "concurrently", "blocking-calls", "nope-1", "nope-1"]:
        await store.lookup(GUILD, q, ALICE)
    await store.lookup(OTHER, "gather", ALICE)
    s = await store.stats(GUILD, 7)
    assert (s.lookups, s.hits, s.by_command) == (6, 4, {"faq": 6})
    assert s.hit_rate == pytest.approx(4 / 6)
    assert s.top_entries == [("gather", 3), ("blocking-calls", 1)]
    assert s.top_queries[:2] == [("gather", 2), ("nope-1", 2)]
    await store.edit(GUILD, "gather", "own copy", MOD)  # a new entry: its own count
    await store.rename(GUILD, "gather", "gathering", MOD)
    await store.lookup(GUILD, "gathering", ALICE)
    assert (await store.stats(GUILD, 7)).top_entries[:2] == [("gather", 3), ("blocking-calls", 1)]
    for _ in range(3):
        await store.lookup(GUILD, "gathering", ALICE)
    await store.rename(GUILD, "gathering", "gather-all", MOD)
    assert (await store.stats(GUILD, 7)).top_entries[0] == ("gather-all", 4)


async def test_stats_of_a_quiet_guild_and_bad_days(store):
    s = await store.stats(GUILD, 1)
    assert (s.lookups, s.hit_rate, s.top_entries) == (0, 0.0, [])
    for days in (0, -1, 100_000):
        with pytest.raises(InvalidInput, match="Days"):
            await store.stats(GUILD, days)


async def test_stats_only_count_the_window(store):
    old = LookupRecord(GUILD, 1, 1, "faq", "x", "x", "miss", at=time.time() - 10 * 86400)
    store.log.log_lookup(old)
    await store.lookup(GUILD, "x", ALICE)
    assert (await store.stats(GUILD, 7)).lookups == 1
    assert (await store.stats(GUILD, 30)).lookups == 2


async def test_misses_group_similar_wordings(store):
    asks = [
        "event loop is closed", "Event loop closed", "closed event-loop", "event loop closed",
        "asyncio.run twice", "asyncio run twice",
        "gather",  # a hit, not a miss
    ]  # fmt: skip
    for q in asks:
        await store.lookup(GUILD, q, Who(1, 2))
    await store.lookup(OTHER, "event loop closed", ALICE)
    groups = await store.misses(GUILD, 7)
    assert [(g.count, len(g.queries)) for g in groups] == [(4, 3), (2, 2)]
    assert groups[0].example == "event-loop-closed"
    assert set(groups[1].queries) == {"asyncio.run-twice", "asyncio-run-twice"}
    assert groups[0].last_seen <= time.time()


async def test_export_then_import_changes_nothing(store):
    await store.add(GUILD, "a", "body *md*\n\n- x", MOD, title='"quoted" title', aliases=["b", "c"])
    await store.add(GUILD, "d", "x", MOD)
    before = await store.history(GUILD, "a")
    for plan in (
        await store.import_json(GUILD, await store.export_json(GUILD), MOD, dry_run=False),
        await store.import_markdown(GUILD, await store.export_markdown(GUILD), MOD, dry_run=False),
    ):
        assert (plan.created, plan.changed, plan.unchanged, plan.applied) == (
            [],
            [],
            ["a", "d"],
            False,
        )
    assert await store.history(GUILD, "a") == before


async def test_export_holds_only_the_guilds_own_entries(store):
    await store.add(GUILD, "a", "x", MOD)
    files = await store.export_markdown(GUILD)
    assert list(files) == ["a.md"]
    assert await store.export_json(OTHER) == "[]"


async def test_import_dry_run_plans_and_changes_nothing(store):
    await store.add(GUILD, "same", "x", MOD)
    await store.add(GUILD, "old", "x", MOD)
    entries = [EntryData("same", "x"), EntryData("old", "new text"), EntryData("fresh", "y")]
    plan = await store.import_entries(GUILD, entries, MOD)
    assert (plan.created, plan.changed, plan.unchanged, plan.applied) == (
        ["fresh"], ["old"], ["same"], False,
    )  # fmt: skip
    assert (await store.get(GUILD, "old")).content == "x"
    plan = await store.import_entries(GUILD, entries, MOD, dry_run=False)
    assert plan.applied
    assert (await store.get(GUILD, "old")).content == "new text"
    assert (await store.history(GUILD, "fresh"))[0].reason == "import"


async def test_import_is_all_or_nothing(store):
    await store.add(GUILD, "taken", "x", MOD, aliases=["alias1"])
    entries = [EntryData("first", "x"), EntryData("alias1", "clash")]
    with pytest.raises(InvalidInput, match="already used"):
        await store.import_entries(GUILD, entries, MOD, dry_run=False)
    assert (await store.lookup(GUILD, "first", ALICE)).kind != "exact"


async def test_import_rejects_bad_entries_naming_them(store):
    with pytest.raises(InvalidInput, match="entry 2: The content is 2001"):
        await store.import_json(
            GUILD,
            '[{"name": "a", "content": "x"}, {"name": "b", "content": "' + "y" * 2001 + '"}]',
            MOD,
        )
    with pytest.raises(InvalidInput, match="same FAQ twice"):
        await store.import_json(
            GUILD, '[{"name": "a", "content": "x"}, {"name": "A", "content": "y"}]', MOD
        )
    with pytest.raises(InvalidInput, match="bad.md"):
        await store.import_markdown(GUILD, {"bad.md": "nothing"}, MOD)
    with pytest.raises(InvalidInput, match="too large"):
        await store.import_markdown(GUILD, {"big.md": "x" * 2_000_000}, MOD)


def test_miss_grouping_merges_typos_and_stopwords():
    groups = group_misses(
        [
            ("event-loop-is-closed", 1, 1.0),
            ("closed-event-loop", 2, 2.0),
            ("the-evnt-loop-closed", 1, 3.0),
            ("asyncio-run-twice", 1, 4.0),
        ]
    )
    assert [(g.example, g.count, g.last_seen) for g in groups] == [
        ("closed-event-loop", 4, 3.0),
        ("asyncio-run-twice", 1, 4.0),
    ]


def test_grouping_thousands_of_distinct_misses_stays_fast():
    rng = random.Random(1)
    words = ["".join(rng.choices("abcdefghij", k=rng.randint(3, 8))) for _ in range(500)]
    rows = [("-".join(rng.sample(words, rng.randint(2, 6))), 1, 1.0) for _ in range(2000)]
    start = time.perf_counter()
    groups = group_misses(rows)
    assert time.perf_counter() - start < 10  # was minutes when every pair was compared
    assert sum(g.count for g in groups) == 2000


QUESTIONS = ("when is the server's game night", '"game night" what time', "gn schedule?")


async def test_example_questions_go_in_with_an_import_and_out_with_an_export(store):
    text = "---\nname: game-night\ntitle: Game night\nquestions:\n"
    text += "".join(f"  - {q}\n" for q in QUESTIONS[:1]) + '  - ""game night" what time"\n'
    text += "  - gn schedule?\n---\nFridays at 20:00 UTC.\n"
    plan = await store.import_markdown(GUILD, {"game-night.md": text}, MOD, dry_run=False)
    assert plan.created == ["game-night"]
    (exported,) = await store.export_entries(GUILD)
    assert exported.questions == QUESTIONS
    # Both formats carry them back unchanged: a round trip loses nothing.
    for plan in (
        await store.import_json(GUILD, await store.export_json(GUILD), MOD, dry_run=False),
        await store.import_markdown(GUILD, await store.export_markdown(GUILD), MOD, dry_run=False),
    ):
        assert (plan.changed, plan.unchanged) == ([], ["game-night"])


async def test_an_import_that_changes_only_the_questions_adds_no_revision(store):
    await store.import_entries(
        GUILD, [EntryData("gn", "Fridays", questions=QUESTIONS)], MOD, dry_run=False
    )
    before = await store.history(GUILD, "gn")
    plan = await store.import_entries(
        GUILD, [EntryData("gn", "Fridays", questions=QUESTIONS[:1])], MOD, dry_run=False
    )
    assert plan.changed == ["gn"]
    assert (await store.export_entries(GUILD))[0].questions == QUESTIONS[:1]
    assert await store.history(GUILD, "gn") == before


async def test_questions_in_json_must_be_a_list_of_text(store):
    with pytest.raises(InvalidInput, match="questions"):
        await store.import_json(GUILD, '[{"name": "a", "content": "x", "questions": "q"}]', MOD)
