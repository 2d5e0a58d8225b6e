import pytest
from faq_samples import ALICE, GUILD, MOD, OTHER

from bot.errors import InvalidInput, NotFound
from bot.faq import FaqStore, seed


async def test_add_then_lookup_by_name_and_alias(store):
    e = await store.add(GUILD, "Cancel", "Use task.cancel().", MOD, title="T", aliases=["stop"])
    assert (e.name, e.title, e.aliases, e.author_id, e.revision) == (
        "cancel",
        "T",
        ("stop",),
        MOD,
        1,
    )
    assert (await store.lookup(GUILD, "CANCEL", ALICE)).entry.id == e.id
    assert (await store.lookup(GUILD, "stop", ALICE)).kind == "alias"


async def test_entries_are_per_guild(store):
    await store.add(GUILD, "cancel", "mine", MOD)
    assert (await store.lookup(OTHER, "cancel", ALICE)).kind != "exact"
    await store.add(OTHER, "cancel", "theirs", MOD)
    assert (await store.get(OTHER, "cancel")).content == "theirs"


async def test_a_name_or_alias_can_only_be_used_once_per_guild(store):
    await store.add(GUILD, "cancel", "x", MOD, aliases=["stop"])
    with pytest.raises(InvalidInput, match="already used by the FAQ `cancel`"):
        await store.add(GUILD, "stop", "y", MOD)
    with pytest.raises(InvalidInput, match="already used"):
        await store.add(GUILD, "other", "y", MOD, aliases=["cancel"])
    with pytest.raises(InvalidInput, match="already used"):
        await store.add(GUILD, "cancel", "y", MOD)


async def test_every_limit_applies_to_add(store):
    for kwargs, message in [
        ({"name": "x" * 65}, "at most 64"),
        ({"name": "search"}, "subcommand"),
        ({"content": "c" * 2001}, "limit is 2000"),
        ({"aliases": [f"a{i}" for i in range(11)]}, "at most 10 aliases"),
        ({"aliases": ["bad alias!"]}, "alias"),
        ({"title": "t" * 201}, "title is too long"),
    ]:
        args = {"name": "ok", "content": "c", **kwargs}
        with pytest.raises(InvalidInput, match=message):
            await store.add(GUILD, args.pop("name"), args.pop("content"), MOD, **args)
    assert (await store.list_page(GUILD)).total == 2  # only the defaults


async def test_edit_records_a_revision_with_author_and_reason(store):
    await store.add(GUILD, "cancel", "v1", MOD)
    e = await store.edit(GUILD, "cancel", "v2", 43, reason="typo")
    assert (e.content, e.revision, e.updated_by) == ("v2", 2, 43)
    hist = await store.history(GUILD, "cancel")
    assert [(r.revision, r.action, r.content, r.author_id, r.reason) for r in hist] == [
        (1, "create", "v1", MOD, None),
        (2, "edit", "v2", 43, "typo"),
    ]


async def test_editing_a_default_makes_an_own_copy_that_wins_in_that_guild_only(store):
    e = await store.edit(GUILD, "blocking-calls", "our answer", MOD)
    assert e.guild_id == GUILD and not e.is_default
    assert e.aliases == ("heartbeat-blocked", "time-sleep")
    assert (await store.lookup(GUILD, "time-sleep", ALICE)).entry.content == "our answer"
    other = (await store.lookup(OTHER, "blocking-calls", ALICE)).entry
    assert other.is_default and other.content.startswith("Calling")
    names = [s.name for s in (await store.list_page(GUILD)).items]
    assert names.count("blocking-calls") == 1


async def test_rename_keeps_id_history_and_uses(store):
    e = await store.add(GUILD, "cancel", "x", MOD, aliases=["stop"])
    await store.lookup(GUILD, "cancel", ALICE)
    r = await store.rename(GUILD, "stop", "cancellation", MOD)
    assert (r.id, r.name, r.aliases) == (e.id, "cancellation", ("stop",))
    with pytest.raises(NotFound):
        await store.get(GUILD, "cancel")
    info = await store.info(GUILD, "cancellation")
    assert info.uses == 1
    assert [h.action for h in await store.history(GUILD, "cancellation")] == ["create", "rename"]


async def test_rename_to_an_own_alias_turns_the_alias_into_the_name(store):
    await store.add(GUILD, "cancel", "x", MOD, aliases=["stop", "halt"])
    r = await store.rename(GUILD, "cancel", "stop", MOD)
    assert (r.name, r.aliases) == ("stop", ("halt",))


async def test_rename_to_a_taken_or_reserved_name_fails(store):
    await store.add(GUILD, "a", "x", MOD)
    await store.add(GUILD, "b", "x", MOD)
    with pytest.raises(InvalidInput, match="already used"):
        await store.rename(GUILD, "a", "b", MOD)
    with pytest.raises(InvalidInput, match="subcommand"):
        await store.rename(GUILD, "a", "edit", MOD)


async def test_alias_add_and_remove_with_limits(store):
    await store.add(GUILD, "a", "x", MOD, aliases=[f"a{i}" for i in range(9)])
    e = await store.alias_add(GUILD, "a", "extra", MOD, reason="common typo")
    assert len(e.aliases) == 10
    with pytest.raises(InvalidInput, match="at most 10 aliases"):
        await store.alias_add(GUILD, "a", "one-more", MOD)
    with pytest.raises(InvalidInput, match="already leads"):
        await store.alias_add(GUILD, "a", "a0", MOD)
    e = await store.alias_remove(GUILD, "a", "EXTRA", MOD)
    assert "extra" not in e.aliases
    with pytest.raises(NotFound, match="no alias"):
        await store.alias_remove(GUILD, "a", "extra", MOD)
    assert [h.action for h in await store.history(GUILD, "a")] == ["create", "alias", "alias"]


async def test_defaults_cannot_be_renamed_aliased_or_reverted_in_a_guild(store):
    for call in (
        store.rename(GUILD, "gather", "g2", MOD),
        store.alias_add(GUILD, "gather", "g2", MOD),
        store.revert(GUILD, "gather", 1, MOD),
    ):
        with pytest.raises(InvalidInput, match="default FAQ"):
            await call


async def test_remove_is_soft_and_restore_brings_everything_back(store):
    await store.add(GUILD, "cancel", "x", MOD, aliases=["stop"])
    await store.remove(GUILD, "stop", MOD, reason="outdated")
    assert (await store.lookup(GUILD, "cancel", ALICE)).kind == "miss"
    assert "cancel" not in [s.name for s in (await store.list_page(GUILD)).items]
    # the name is free while it is removed, so restoring into a clash fails
    await store.add(GUILD, "cancel", "new", MOD)
    with pytest.raises(InvalidInput, match="already used"):
        await store.restore(GUILD, "stop", MOD)
    await store.remove(GUILD, "cancel", MOD)  # removes the newer one
    e = await store.restore(GUILD, "cancel", MOD)
    assert e.content == "new"  # the newest removed entry comes back first
    with pytest.raises(NotFound, match="no removed FAQ"):
        await store.restore(GUILD, "nothing", MOD)


async def test_history_survives_removal(store):
    await store.add(GUILD, "cancel", "x", MOD)
    await store.remove(GUILD, "cancel", MOD)
    assert [h.action for h in await store.history(GUILD, "cancel")] == ["create", "delete"]
    await store.restore(GUILD, "cancel", MOD, reason="oops")
    hist = await store.history(GUILD, "cancel")
    assert [(h.action, h.reason) for h in hist][-1] == ("restore", "oops")


async def test_removing_a_default_hides_it_in_that_guild_only(store):
    await store.remove(GUILD, "gather", MOD)
    assert (await store.lookup(GUILD, "gather", ALICE)).kind != "exact"
    assert (await store.lookup(OTHER, "gather", ALICE)).kind == "exact"
    assert (await store.list_page(GUILD)).total == 1
    e = await store.restore(GUILD, "concurrently", MOD)
    assert e.name == "gather" and e.is_default
    assert (await store.lookup(GUILD, "gather", ALICE)).kind == "exact"
    hist = await store.history(GUILD, "gather")
    assert [(h.action, h.guild_id) for h in hist] == [
        ("create", 0),
        ("delete", GUILD),
        ("restore", GUILD),
    ]
    assert [h.action for h in await store.history(OTHER, "gather")] == ["create"]


async def test_revert_brings_back_old_content_as_a_new_revision(store):
    await store.add(GUILD, "a", "v1", MOD, title="t1")
    await store.edit(GUILD, "a", "v2", MOD, title="t2")
    e = await store.revert(GUILD, "a", 1, 99)
    assert (e.content, e.title, e.revision) == ("v1", "t1", 3)
    last = (await store.history(GUILD, "a"))[-1]
    assert (last.action, last.author_id, last.reason) == ("revert", 99, "revert to revision 1")
    with pytest.raises(NotFound, match="no revision 7"):
        await store.revert(GUILD, "a", 7, MOD)


async def test_unknown_names_raise_not_found(store):
    for call in (
        store.edit(GUILD, "nope", "x", MOD),
        store.remove(GUILD, "nope", MOD),
        store.info(GUILD, "nope"),
        store.history(GUILD, "nope"),
    ):
        with pytest.raises(NotFound, match="no FAQ called `nope`"):
            await call


async def test_list_page_paginates_and_clamps(store):
    for i in range(23):
        await store.add(GUILD, f"item-{i:02d}", "x", MOD)
    p1 = await store.list_page(GUILD, 1)
    assert (p1.page, p1.pages, p1.total, len(p1.items)) == (1, 3, 25, 10)
    assert p1.items[0].name == "blocking-calls" and p1.items[0].is_default
    p3 = await store.list_page(GUILD, 99)
    assert (p3.page, len(p3.items)) == (3, 5)
    assert (await store.list_page(GUILD, -5)).page == 1
    assert (await store.list_page(GUILD, 1, per_page=1000)).pages == 1


async def test_info_counts_hits_in_this_guild(store):
    e = await store.add(GUILD, "a", "x", MOD)
    for _ in range(3):
        await store.lookup(GUILD, "a", ALICE)
    await store.lookup(GUILD, "zzz-no", ALICE)
    info = await store.info(GUILD, "a")
    assert (info.uses, info.created_by, info.entry.id) == (3, MOD, e.id)


async def test_modroles_are_stored_per_guild(store):
    assert await store.modrole_add(GUILD, 5, MOD) == [5]
    assert await store.modrole_add(GUILD, 3, MOD) == [3, 5]
    assert await store.modrole_add(GUILD, 3, MOD) == [3, 5]
    assert await store.modrole_list(OTHER) == []
    assert await store.modrole_remove(GUILD, 5, MOD) == [3]
    with pytest.raises(NotFound):
        await store.modrole_remove(GUILD, 5, MOD)


async def test_seed_sync_is_idempotent_and_follows_the_files(tmp_path, seed_dir):
    path = tmp_path / "s.db"
    async with FaqStore(path, seed_dir=seed_dir) as s:
        assert await s.sync_defaults(seed.load_dir(seed_dir)) == 0
        before = len(await s.history(0, "gather"))
    (seed_dir / "gather.md").write_text("---\nname: gather\naliases: [together]\n---\nNew text.\n")
    (seed_dir / "blocking-calls.md").unlink()
    async with FaqStore(path, seed_dir=seed_dir) as s:
        g = await s.get(GUILD, "together")
        assert (g.content, g.aliases, g.revision) == ("New text.", ("together",), before + 1)
        with pytest.raises(NotFound):
            await s.get(GUILD, "blocking-calls")
        assert (await s.history(0, "blocking-calls"))[-1].action == "delete"


async def test_a_seed_whose_alias_clashes_is_skipped_not_fatal(tmp_path, seed_dir, caplog):
    (seed_dir / "z.md").write_text("---\nname: z\naliases: [concurrently]\n---\nbody\n")
    async with FaqStore(tmp_path / "s.db", seed_dir=seed_dir) as s:
        assert (await s.get(0, "concurrently")).name == "gather"
        with pytest.raises(NotFound):
            await s.get(0, "z")
    assert "not loaded" in caplog.text


async def test_limit_messages_for_a_single_entry_have_no_prefix(store):
    with pytest.raises(InvalidInput) as info:
        await store.add(GUILD, "ok", "c" * 2001, MOD)
    assert info.value.message == "The content is 2001 characters long; the limit is 2000."


async def test_seed_questions_are_searched_and_follow_the_files(tmp_path, seed_dir):
    path = tmp_path / "q.db"
    (seed_dir / "gather.md").write_text(
        "---\nname: gather\nquestions:\n  - 'run my coroutines side by side'\n"
        "  - how do i await several things, at once\n---\nBody.\n"
    )
    async with FaqStore(path, seed_dir=seed_dir) as s:
        entry = await s.get(0, "gather")
        rows = await s.db.read("SELECT questions FROM search_fts WHERE rowid = ?", (entry.id,))
        assert rows[0][0].split("\n") == [
            "run my coroutines side by side",
            "how do i await several things, at once",
        ]
        revision = entry.revision
    (seed_dir / "gather.md").write_text("---\nname: gather\nquestions: []\n---\nBody.\n")
    async with FaqStore(path, seed_dir=seed_dir) as s:
        entry = await s.get(0, "gather")
        rows = await s.db.read("SELECT questions FROM search_fts WHERE rowid = ?", (entry.id,))
        assert rows[0][0] == ""
        assert entry.revision == revision  # search data: no new revision of the text
