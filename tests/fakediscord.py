"""A tiny stand-in for Discord's REST API and gateway, on 127.0.0.1.

Just enough of both for discord.py to log in, connect, receive a guild and
messages, and post replies, so Discord mode can be tested end to end in a
real `python -m bot run` process.
"""

from __future__ import annotations

import asyncio
import itertools
import json

from aiohttp import WSMsgType, web

from bot.local import guild_data, member_data, message_data, user_data

BOT_ID = "300000000000000001"
USER_ID = "300000000000000002"
GUILD_ID = "300000000000000003"
CHANNEL_ID = "300000000000000004"
APP_ID = BOT_ID


def reply_json(data, status: int = 200) -> web.Response:
    # discord.py only parses bodies whose content type is exactly application/json.
    return web.Response(
        body=json.dumps(data), status=status, headers={"Content-Type": "application/json"}
    )


class FakeDiscord:
    def __init__(self, token: str = "good-token", *, guild_sync_refused: bool = False) -> None:
        self.token = token
        self.guild_sync_refused = guild_sync_refused  # as for a guild the bot is not in
        self.posts: asyncio.Queue[dict] = asyncio.Queue()
        self.syncs: list[tuple[str, list[str]]] = []  # (path, command names)
        self.identified = asyncio.Event()
        self.identifies: list[dict] = []  # what each IDENTIFY said, shard included
        self.closed = asyncio.Event()
        self.ws: web.WebSocketResponse | None = None
        self.seq = itertools.count(1)
        self.ids = itertools.count(400_000_000_000_000_000)
        app = web.Application()
        app.router.add_get("/api/v10/users/@me", self.me)
        app.router.add_get("/api/v10/oauth2/applications/@me", self.application)
        app.router.add_get("/api/v10/gateway/bot", self.gateway_info)
        app.router.add_post("/api/v10/channels/{cid}/messages", self.post_message)
        app.router.add_post("/api/v10/channels/{cid}/typing", self.typing)
        app.router.add_put("/api/v10/applications/{aid}/commands", self.sync)
        app.router.add_put("/api/v10/applications/{aid}/guilds/{gid}/commands", self.sync)
        app.router.add_get("/gateway", self.gateway)
        self.runner = web.AppRunner(app)
        self.port = 0

    async def __aenter__(self) -> FakeDiscord:
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc) -> None:
        await self.runner.cleanup()

    @property
    def api(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    def _authorised(self, request: web.Request) -> bool:
        return request.headers.get("Authorization") == f"Bot {self.token}"

    async def me(self, request: web.Request) -> web.Response:
        if not self._authorised(request):
            return reply_json({"message": "401: Unauthorized", "code": 0}, status=401)
        return reply_json(user_data(BOT_ID, "awaitbot", bot=True))

    async def application(self, request: web.Request) -> web.Response:
        return reply_json(
            {
                "id": APP_ID,
                "name": "awaitbot",
                "icon": None,
                "description": "",
                "bot_public": True,
                "bot_require_code_grant": False,
                "owner": user_data(USER_ID, "u"),
                "verify_key": "0" * 64,
                "flags": 0,
                "team": None,
            }
        )

    async def gateway_info(self, request: web.Request) -> web.Response:
        limit = {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}
        return reply_json({"url": self.gateway_url, "shards": 1, "session_start_limit": limit})

    async def typing(self, request: web.Request) -> web.Response:
        return web.Response(status=204)

    async def sync(self, request: web.Request) -> web.Response:
        commands = await request.json()
        self.syncs.append((request.path, [c["name"] for c in commands]))
        if self.guild_sync_refused and "gid" in request.match_info:
            return reply_json({"message": "Missing Access", "code": 50001}, status=403)
        echoed = [
            # A message menu has no description; Discord echoes an empty one.
            {
                "description": "",
                **c,
                "id": str(next(self.ids)),
                "application_id": APP_ID,
                "version": "1",
            }  # fmt: skip
            for c in commands
        ]
        return reply_json(echoed)

    async def post_message(self, request: web.Request) -> web.Response:
        if request.content_type.startswith("multipart/"):
            reader = await request.multipart()
            part = await reader.next()
            body = json.loads(await part.text())
        else:
            body = await request.json()
        await self.posts.put(body)
        bot = user_data(BOT_ID, "awaitbot", bot=True)
        content, embeds = body.get("content") or "", body.get("embeds")
        return reply_json(
            message_data(next(self.ids), request.match_info["cid"], bot, content, embeds=embeds)
        )

    async def gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self.ws = ws
        await ws.send_json({"op": 10, "d": {"heartbeat_interval": 41250}})
        async for msg in ws:
            if msg.type != WSMsgType.TEXT:
                continue
            frame = json.loads(msg.data)
            if frame["op"] == 1:  # heartbeat
                await ws.send_json({"op": 11})
            elif frame["op"] == 2:  # identify
                self.identifies.append(frame["d"])
                await self._ready(ws, frame["d"].get("shard", [0, 1]))
                self.identified.set()
        self.closed.set()
        return ws

    async def dispatch(self, event: str, data: dict) -> None:
        await self.ws.send_json({"op": 0, "t": event, "s": next(self.seq), "d": data})

    async def _ready(self, ws, shard: list[int]) -> None:
        await self.dispatch(
            "READY",
            {
                "v": 10,
                "user": user_data(BOT_ID, "awaitbot", bot=True),
                "guilds": [],
                "session_id": "fake-session",
                "resume_gateway_url": self.gateway_url,
                "application": {"id": APP_ID, "flags": 0},
                "shard": shard,
            },
        )
        members = [
            member_data(user_data(BOT_ID, "awaitbot", bot=True)),
            member_data(user_data(USER_ID, "u")),
        ]
        guild = guild_data(
            GUILD_ID, "fake guild", USER_ID, CHANNEL_ID, "general", "274878024704", members
        )
        await self.dispatch("GUILD_CREATE", guild)

    async def say(self, content: str) -> None:
        """A user types `content` in the guild's channel."""
        data = message_data(
            next(self.ids), CHANNEL_ID, user_data(USER_ID, "u"), content, guild_id=GUILD_ID
        )
        await self.dispatch("MESSAGE_CREATE", data)
