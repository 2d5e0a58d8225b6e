import discord
import discord.ext.test as dpytest

from tests.interactions import slash


async def test_help_lists_every_visible_command_with_one_line(dpy):
    await dpytest.message("!help")
    embed = dpytest.get_message().embeds[0]
    assert embed.title == "awaitbot commands"
    for command in dpy.commands:
        if not command.hidden:
            assert f"`!{command.name}` — " in embed.description
    assert "!sync" not in embed.description


async def test_help_for_one_command_shows_its_usage(dpy):
    await dpytest.message("!help about")
    embed = dpytest.get_message().embeds[0]
    assert embed.title == "!about"
    assert "health" in embed.description


async def test_help_for_an_unknown_command_says_so(dpy):
    await dpytest.message("!help frobnicate")
    assert "no command called `frobnicate`" in dpytest.get_message().content


async def test_slash_help_answers_the_interaction(dpy):
    config = dpytest.get_config()
    calls = await slash(dpy, config.members[0], config.channels[0], "help")
    path, body = calls[0]
    assert path.endswith("/callback")
    assert body["data"]["embeds"][0]["title"] == "awaitbot commands"


async def test_about_shows_version_uptime_latency_python_and_database(dpy):
    await dpytest.message("!about")
    embed = dpytest.get_message().embeds[0]
    names = {f.name: f.value for f in embed.fields}
    assert {"Version", "Uptime", "Gateway latency", "Python", "Database", "Sandbox"} <= set(names)
    assert names["Database"] == "ok"
    assert names["Sandbox"].startswith("ok: 0/") and names["Sandbox"].endswith("0 failures")


async def test_slash_about_answers_the_interaction(dpy):
    config = dpytest.get_config()
    calls = await slash(dpy, config.members[0], config.channels[0], "about")
    fields = {f["name"]: f["value"] for f in calls[0][1]["data"]["embeds"][0]["fields"]}
    assert fields["Database"] == "ok"


async def test_about_in_the_console_says_offline(local):
    (reply,) = await local.handle("!about")
    fields = {f.name: f.value for f in reply.embed.fields}
    assert fields["Gateway latency"].startswith("offline")


async def test_about_has_a_cooldown(dpy):
    for _ in range(3):
        await dpytest.message("!about")
        assert dpytest.get_message().embeds
    await dpytest.message("!about")
    assert "Slow down" in dpytest.get_message().content


async def test_sync_is_for_the_owner_only(dpy):
    await dpytest.message("!sync")
    assert "Only the bot's owner" in dpytest.get_message().content


async def test_sync_offline_explains_there_is_no_discord(local):
    (reply,) = await local.handle("!sync")
    assert "Offline" in reply.content


async def test_slash_commands_are_registered_for_help_and_about(dpy):
    names = {c.name for c in dpy.tree.get_commands()}
    assert {"help", "about"} <= names


def _check_app_command(data: dict, path: str = "") -> None:
    import re

    name = path + data["name"]
    assert re.fullmatch(r"[-_a-z0-9]{1,32}", data["name"]), name
    assert 1 <= len(data.get("description", "")) <= 100, name
    assert len(data.get("options", [])) <= 25, name
    for option in data.get("options", []):
        _check_app_command(option, name + " ")


async def test_the_slash_command_tree_fits_discords_rules(dpy):
    # Discord refuses a whole sync if one name or description breaks its rules.
    tree = [c.to_dict(dpy.tree) for c in dpy.tree.get_commands()]
    commands = [c for c in tree if c["type"] == discord.AppCommandType.chat_input.value]
    menus = [c for c in tree if c["type"] == discord.AppCommandType.message.value]
    assert {c["name"] for c in commands} == {"help", "about", "faq", "run", "explain", "ask"}
    for command in commands:
        _check_app_command(command)
    # A message menu's name is what the menu shows: any case, spaces allowed.
    assert [m["name"] for m in menus] == ["Run code"]
