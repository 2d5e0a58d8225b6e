"""!faq through discord.py's command machinery (dpytest) and the console."""

import json

import discord
import discord.ext.test as dpytest
import discord.ext.test.backend as dpyback
import pytest
import pytest_asyncio

from bot.app import Invocation
from bot.replies import Button
from tests.interactions import click, slash


def faqs(bot):
    return bot.resources.faqs


async def snapshot(bot, guild_id):
    """Everything a moderator command could change, to prove nothing did."""
    store = faqs(bot)
    entries = await store.export_json(guild_id)
    history = [(r.revision, r.action) for r in await store.history(guild_id, "mine")]
    return entries, history, await store.modrole_list(guild_id)


@pytest_asyncio.fixture
async def guild(dpy):
    # Keep the Reply behind each message as well: dpytest drops button rows.
    original = dpy.send_reply

    async def recording(ctx, reply):
        SENT.append(reply)
        await original(ctx, reply)

    SENT.clear()
    dpy.send_reply = recording
    config = dpytest.get_config()
    g = config.guilds[0]
    alice, bob = config.members[0], config.members[1]
    await faqs(dpy).add(g.id, "mine", "Original answer.", bob.id)
    return g, alice, bob, config.channels[0]


SENT: list = []


def shows(message, text: str) -> bool:
    return bool(message.embeds) and message.embeds[0].description == text


def labels() -> list[str]:
    return [b.label for b in SENT[-1].buttons]


async def make_moderator(member, channel):
    """Give `member` the Manage Messages permission through a role."""
    perms = discord.Permissions(manage_messages=True, view_channel=True, send_messages=True)
    role = dpyback.make_role("helpers", channel.guild, permissions=perms.value)
    await dpytest.add_role(member, role)


async def say(text, member=0, attachments=None):
    await dpytest.message(text, member=member, attachments=attachments)
    return dpytest.get_message()


# -- everyone ----------------------------------------------------------------


async def test_faq_by_name_shows_the_answer(guild):
    message = await say("!faq interaction-defer")
    assert "did not respond" in message.embeds[0].title


async def test_faq_by_alias_shows_the_same_answer(guild):
    message = await say("!faq unknown-interaction")
    assert "did not respond" in message.embeds[0].title


async def test_faq_by_words_finds_the_best_match(guild):
    message = await say("!faq how do I sync my slash commands")
    assert "best match" in message.embeds[0].footer.text


async def test_a_miss_offers_did_you_mean_buttons(guild):
    message = await say("!faq intraction-defr")
    if message.embeds:  # a typo this close is answered straight away
        assert "interaction-defer" in message.embeds[0].footer.text
    else:
        assert "Did you mean" in message.content
        assert "interaction-defer" in labels()


async def test_a_miss_without_anything_close_says_how_to_add_one(guild):
    message = await say("!faq zzqqxxyy")
    assert "No FAQ matches `zzqqxxyy`" in message.content
    assert "!faq add" in message.content


async def add_many(dpy, guild_id, count=12):
    for n in range(count):
        await faqs(dpy).add(guild_id, f"extra-{n}", f"Extra answer {n}.", 1)


async def test_list_is_paginated_with_buttons(dpy, guild):
    await add_many(dpy, guild[0].id)
    message = await say("!faq list")
    assert message.embeds[0].footer.text.startswith("page 1 of ")
    assert labels() == ["Next ▶"]


async def test_search_lists_matching_faqs(guild):
    message = await say("!faq search slash")
    assert "slash-sync" in message.embeds[0].description


async def test_info_shows_author_dates_and_uses(guild):
    await say("!faq mine")
    await faqs(guild[0].me._state._get_client()).log.flush()
    message = await say("!faq info mine")
    fields = {f.name: f.value for f in message.embeds[0].fields}
    assert fields["Author"].startswith("bob") and fields["Uses"] == "1"


async def test_every_lookup_is_logged(dpy, guild):
    g = guild[0]
    await say("!faq interaction-defer")
    await say("!faq zzqqxxyy")
    await faqs(dpy).log.flush()
    stats = await faqs(dpy).stats(g.id, 1)
    assert stats.lookups == 2 and stats.hits == 1


async def test_hostile_queries_get_a_clear_answer(guild):
    for query in ['"unbalanced', "NEAR(a b)", "a* OR -b", "'); DROP TABLE faq;--", "x" * 300]:
        message = await say("!faq " + query)
        assert message.content or message.embeds
        assert "error id" not in (message.content or "")


# -- moderators ----------------------------------------------------------------

MODERATOR_COMMANDS = [
    "!faq add newone An answer.",
    "!faq edit mine Changed.",
    "!faq rename mine yours",
    "!faq alias add mine other",
    "!faq alias remove mine other",
    "!faq remove mine",
    "!faq restore mine",
    "!faq history mine",
    "!faq revert mine 1",
    "!faq import",
    "!faq export",
    "!faq stats",
    "!faq misses",
]


@pytest.mark.parametrize("command", MODERATOR_COMMANDS)
async def test_a_non_moderator_changes_nothing_and_is_told_why(dpy, guild, command):
    g, alice, _, channel = guild
    assert not channel.permissions_for(alice).manage_messages
    before = await snapshot(dpy, g.id)
    message = await say(command)
    assert "Only moderators can change FAQs" in message.content
    assert await snapshot(dpy, g.id) == before


@pytest.mark.parametrize("command", ["!faq modrole add @everyone", "!faq modrole remove @everyone"])
async def test_only_administrators_choose_moderator_roles(dpy, guild, command):
    g, alice, _, channel = guild
    await make_moderator(alice, channel)
    before = await snapshot(dpy, g.id)
    message = await say(command)
    assert "Only administrators" in message.content
    assert await snapshot(dpy, g.id) == before


async def test_a_moderator_can_add_edit_rename_and_alias(dpy, guild):
    g, alice, _, channel = guild
    await make_moderator(alice, channel)
    assert "Added FAQ `newone`" in (await say("!faq add newone First text.")).content
    assert "revision 2" in (await say("!faq edit newone Second text.")).content
    assert "Renamed to `renamed`" in (await say("!faq rename newone renamed")).content
    assert "also `again`" in (await say("!faq alias add renamed again")).content
    message = await say("!faq again")
    assert message.embeds[0].description == "Second text."


async def test_remove_restore_history_and_revert(dpy, guild):
    g, alice, _, channel = guild
    await make_moderator(alice, channel)
    await say("!faq edit mine Second.")
    assert "Removed `mine`" in (await say("!faq remove mine spam")).content
    assert not shows(await say("!faq mine"), "Second.")
    assert "Restored `mine`" in (await say("!faq restore mine")).content
    history = (await say("!faq history mine")).embeds[0].description
    assert "create" in history and "delete" in history and "spam" in history
    # each revision says what it changed, so the one to revert to can be found
    assert "↳ text +1 −1 lines: `Second.`" in history
    assert "back to revision 1" in (await say("!faq revert mine 1")).content
    assert (await say("!faq mine")).embeds[0].description == "Original answer."


async def test_limits_get_clear_messages(dpy, guild):
    g, alice, _, channel = guild
    await make_moderator(alice, channel)
    assert "cannot be an FAQ name" in (await say("!faq add list x")).content
    long = (await say("!faq add longone " + "x" * 2100)).content
    assert "2,000" in long or "2000" in long
    too_long_name = (await say("!faq add " + "n" * 65 + " x")).content
    assert "64" in too_long_name


async def test_moderator_roles_replace_the_manage_messages_rule(dpy, guild):
    g, alice, bob, channel = guild
    await make_moderator(alice, channel)
    role = dpyback.make_role("faq-mods", g)
    await dpytest.add_role(bob, role)
    g.me._state._get_client().owner_ids = {alice.id}  # an owner may always set roles
    assert "can now moderate" in (await say("!faq modrole add faq-mods")).content
    dpytest.get_config().client.owner_ids = {1}
    # alice still has Manage Messages, but the guild now names its moderators
    assert "Only moderators" in (await say("!faq add a1 text")).content
    assert "Added FAQ" in (await say("!faq add b1 text", member=1)).content


async def test_export_then_import_changes_nothing(dpy, guild, tmp_path):
    g, alice, _, channel = guild
    await make_moderator(alice, channel)
    message = await say("!faq export")
    exported = await message.attachments[0].read()
    path = tmp_path / "faq-export.json"
    path.write_bytes(exported)
    assert json.loads(exported)
    message = await say("!faq import", attachments=[str(path)])
    assert "Nothing to import" in message.content


async def test_import_shows_a_plan_then_applies_on_the_button(dpy, guild, tmp_path):
    g, alice, _, channel = guild
    await make_moderator(alice, channel)
    path = tmp_path / "new.md"
    path.write_text("---\nname: imported\ntitle: Imported\n---\nFrom a file.\n")
    message = await say("!faq import", attachments=[str(path)])
    assert "would change" in message.content and "`imported`" in message.content
    assert not shows(await say("!faq imported"), "From a file.")  # nothing changed yet
    (token,) = dpy.get_cog("Faq").imports
    bob = dpytest.get_config().members[1]
    button = Button("Apply import", "faq.import", (token,))
    refused = await dpy.press(Invocation(bob, g, channel), button)
    assert "Only moderators" in refused.content
    applied = await dpy.press(Invocation(alice, g, channel), button)
    assert "Imported" in applied.content
    assert (await say("!faq imported")).embeds[0].description == "From a file."


async def test_misses_are_grouped_with_actions(dpy, guild):
    g, alice, _, channel = guild
    for query in ["how do i frobnicate", "how do I frobnicate?", "frobnicate how"]:
        await say("!faq " + query)
    await faqs(dpy).log.flush()
    await make_moderator(alice, channel)
    message = await say("!faq misses")
    assert "frobnicate" in message.embeds[0].description
    assert any(label.endswith("create FAQ") for label in labels())


async def test_slash_faq_show_answers(dpy, guild):
    _, alice, _, channel = guild
    calls = await slash(dpy, alice, channel, "faq", sub="show", query="interaction-defer")
    assert "did not respond" in calls[0][1]["data"]["embeds"][0]["title"]


async def test_slash_faq_add_opens_a_form_for_moderators(dpy, guild):
    _, alice, _, channel = guild
    await make_moderator(alice, channel)
    calls = await slash(dpy, alice, channel, "faq", sub="add", name="formed")
    assert calls[0][1]["type"] == 9  # a modal
    assert calls[0][1]["data"]["title"] == "New FAQ: formed"


async def test_console_user_is_a_moderator(local):
    (reply,) = await local.handle("!faq add console-faq Written in the console.")
    assert "Added FAQ" in reply.content
    (reply,) = await local.handle("!faq console-faq")
    assert reply.meta["faq"] == "console-faq"


# -- buttons on Discord: real component interactions ------------------------


async def test_clicking_next_shows_the_next_page(dpy, guild):
    _, alice, _, channel = guild
    await add_many(dpy, guild[0].id)
    message = await say("!faq list")
    calls = await click(dpy, alice, channel, message, "Next ▶")
    assert calls[0][1]["data"]["embeds"][0]["footer"]["text"].startswith("page 2 of ")


async def test_clicking_a_suggestion_shows_that_faq(dpy, guild):
    _, alice, _, channel = guild
    message = await say("!faq search slash")
    calls = await click(dpy, alice, channel, message, "slash-sync")
    assert "sync slash commands" in calls[0][1]["data"]["embeds"][0]["title"]


async def test_create_faq_from_a_miss_opens_a_form_for_moderators_only(dpy, guild):
    _, alice, bob, channel = guild
    await say("!faq how do I frobnicate")
    await faqs(dpy).log.flush()
    await make_moderator(alice, channel)
    message = await say("!faq misses")
    refused = await click(dpy, bob, channel, message, "1: create FAQ")
    assert "Only moderators" in refused[0][1]["data"]["content"]
    opened = await click(dpy, alice, channel, message, "1: create FAQ")
    assert opened[0][1]["type"] == 9  # a modal, named after the question
    assert opened[0][1]["data"]["title"] == "New FAQ: how-do-i-frobnicate"
