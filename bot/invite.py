"""`python -m bot invite`: the OAuth2 URL that adds the bot to a server, asking
for exactly what the bot uses."""

from __future__ import annotations

import base64
import binascii

import discord

SCOPES = ("bot", "applications.commands")  # a bot user, and its slash commands

# One permission per thing the bot does; nothing else.
PERMISSIONS = discord.Permissions(
    view_channel=True,  # see the channels where people type commands
    send_messages=True,  # every reply
    send_messages_in_threads=True,  # replies to commands typed in a thread
    embed_links=True,  # !help, !about, !explain, !faq answers are embeds
    attach_files=True,  # long run output (output.txt), timelines (PNG), !faq export
)


def application_id(token: str) -> int | None:
    """The application's id, read from its bot token (whose first part is the
    bot user's id, the same number), or None if the token has no such part."""
    first = token.split(".", 1)[0]
    try:
        text = base64.b64decode(first + "=" * (-len(first) % 4), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None
    return int(text) if text.isdigit() else None


def url(client_id: int) -> str:
    return discord.utils.oauth_url(client_id, permissions=PERMISSIONS, scopes=SCOPES)
