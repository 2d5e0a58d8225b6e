"""`!explain`, `!ask` and `!faq`'s best match: find the answer, run its demo
live, log the lookup.

Every lookup goes into the FAQ store's lookup log (batched there), so
`!faq stats` and `!faq misses` show what people asked all three commands.
"""

from __future__ import annotations

import hashlib
import inspect
import logging
import time

from bot.errors import InvalidInput
from bot.faq import Entry, FaqStore, LookupRecord, Who, render, sql
from bot.faq.validate import check_id, check_query, normalise_query
from bot.knowledge.ask import Candidate, Ranker, Ranking
from bot.knowledge.library import Library
from bot.knowledge.render import (
    DemoRun,
    button_for,
    choices_reply,
    faq_miss_reply,
    index_reply,
    run_it_yourself,
    topic_reply,
)
from bot.knowledge.topics import TOPICS_DIR, Topic
from bot.replies import Reply, shown

log = logging.getLogger(__name__)

DEMO_TIMEOUT = 10.0  # seconds of real time in the sandbox (its sleeps are virtual)
DEMO_CACHE_SECONDS = 300.0  # a demo's live output is reused this long
MAX_QUESTION = 4000
ALTERNATIVES = 2


class Knowledge:
    def __init__(
        self,
        library: Library,
        ranker: Ranker,
        store: FaqStore,
        sandbox,
        python: str | None = None,
        *,
        prefix: str,
    ) -> None:
        self.prefix = prefix  # the command prefix replies name commands with (settings)
        self.library = library
        self.ranker = ranker
        self.store = store
        self.sandbox = sandbox
        self.python = python
        self._demos: dict[tuple[str, str | None], tuple[float, DemoRun]] = {}
        self._version: str | None = None

    @classmethod
    async def open(
        cls,
        store: FaqStore,
        sandbox,
        python: str | None = None,
        directory=TOPICS_DIR,
        *,
        prefix: str,
    ) -> Knowledge:
        library = Library.load(directory)
        ranker = Ranker(store, library)
        await ranker.sync_topics()
        return cls(library, ranker, store, sandbox, python, prefix=prefix)

    # -- the commands ------------------------------------------------------

    async def explain(self, guild_id: int, query: str, who: Who) -> Reply:
        """A topic by name (typos forgiven), else the best answer the ranking has."""
        if not query.strip():
            return index_reply(self.library, prefix=self.prefix)
        start = time.perf_counter()
        found = self.library.find(query)
        if found.topic is not None:
            how = "exact" if found.how == "name" else "fuzzy"
            self._log(
                "explain", guild_id, who, query, how, found.topic.slug, found.score, (), start
            )
            note = "" if how == "exact" else f"closest to {shown(query, 40)}"
            return await self.topic(found.topic.slug, note)
        ranking = await self.ranker.rank(guild_id, self._checked(query))
        return await self._answer("explain", guild_id, who, query, ranking, start)

    async def ask(self, guild_id: int, text: str, who: Who) -> Reply:
        if not text.strip():
            raise InvalidInput(
                f"Ask me something, e.g. `{self.prefix}ask how do I run two coroutines at once`, "
                "or paste an error."
            )
        start = time.perf_counter()
        ranking = await self.ranker.rank(guild_id, self._checked(text), limit=1 + ALTERNATIVES)
        return await self._answer("ask", guild_id, who, text, ranking, start)

    async def faq(self, guild_id: int, query: str, who: Who) -> Reply:
        """`!faq <query>`: an FAQ by name or alias, else the ranking's best answer
        (an FAQ or a topic), else an FAQ name within a typo, else suggestions."""
        start = time.perf_counter()
        g, norm = check_id(guild_id, "server id"), check_query(query)
        found = await self.store.by_key(g, norm)
        if found is None:
            ranking = await self.ranker.rank(g, query)
            if ranking.best is not None:
                return await self._answer("faq", g, who, query, ranking, start)
            close = await self.store.close_keys(g, norm)
            found = await self.store.by_typo(g, norm, close)
            if found is None:
                others = [c.ref for c in ranking.others]
                self._log("faq", g, who, query, "miss", None, None, tuple(others), start)
                return faq_miss_reply(query, list(ranking.others), prefix=self.prefix)
        entry = found.entry
        self._log("faq", g, who, query, found.kind, entry.name, found.score, (), start, entry.id)
        return render.lookup_reply(found, query, prefix=self.prefix)

    async def topic(self, slug: str, note: str = "") -> Reply:
        topic = self.library.topics.get(slug)
        if topic is None:
            raise InvalidInput(
                f"There is no topic called {shown(slug, 40)}; `{self.prefix}explain` lists them."
            )
        demo = await self.demo(topic)
        return topic_reply(topic, demo, self.library, note, prefix=self.prefix)

    def index(self, page: int = 1) -> Reply:
        return index_reply(self.library, page, prefix=self.prefix)

    def run_yourself(self, slug: str) -> Reply:
        return run_it_yourself(self.library[slug], prefix=self.prefix)

    # -- answering -----------------------------------------------------------

    async def _answer(
        self, command: str, guild_id: int, who: Who, query: str, ranking: Ranking, start: float
    ) -> Reply:
        best = ranking.best
        others = [c.ref for c in ranking.others]
        self._log(
            command, guild_id, who, query, "search" if best else "miss",
            best.ref if best else None, best.score if best else None, tuple(others), start,
            faq_id=best.faq_id if best else None,
        )  # fmt: skip
        if best is None:
            return choices_reply(query, list(ranking.others), "miss", prefix=self.prefix)
        note = f"best match for {shown(query, 40)}"
        reply = await self._show(guild_id, best, note)
        extra = tuple(button_for(c) for c in ranking.others[:ALTERNATIVES])
        meta = {**reply.meta, "topic": best.ref, "alternatives": others, "match": "search"}
        return Reply(
            content=reply.content,
            embed=reply.embed,
            buttons=(*reply.buttons, *extra)[:25],
            meta=meta,
        )

    async def _show(self, guild_id: int, candidate: Candidate, note: str) -> Reply:
        if not candidate.is_faq:
            return await self.topic(candidate.ref, note)
        row = await self.store.db.read_one(sql.BY_ID, {"id": candidate.faq_id})
        entry: Entry | None = sql.entry(row) if row else None
        if entry is None:  # removed since the ranking was made
            return Reply(f"That FAQ was just removed; try `{self.prefix}faq {candidate.ref[4:]}`.")
        return render.entry_reply(entry, note, prefix=self.prefix)

    def _checked(self, text: str) -> str:
        if len(text) > MAX_QUESTION:
            raise InvalidInput(
                f"That is {len(text):,} characters; I read at most {MAX_QUESTION:,}. "
                "Paste the last lines of the traceback and a sentence about what you tried."
            )
        return text

    def _log(self, command, guild_id, who, query, kind, matched, score, others, start, faq_id=None):
        self.store.log.log_lookup(
            LookupRecord(
                guild_id=check_id(guild_id, "server id"),
                channel_id=who.channel_id,
                user_id=who.user_id,
                command=command,
                query_raw=query[:MAX_QUESTION],
                query_norm=normalise_query(query)[:200],
                kind=kind,
                faq_id=faq_id,
                matched=matched,
                score=score,
                suggestions=others,
                elapsed_ms=(time.perf_counter() - start) * 1000,
            )
        )

    # -- demos ---------------------------------------------------------------

    async def _default_version(self) -> str | None:
        """The Python the sandbox runs snippets on when none is asked for."""
        if self._version is None:
            try:
                stats = self.sandbox.stats()
                stats = await stats if inspect.isawaitable(stats) else stats
                self._version = str(stats.get("default_python") or "")
            except Exception:
                return None
        return self._version or None

    async def demo(self, topic: Topic) -> DemoRun:
        """The demo's output from a live run (reused for a few minutes), or the
        expected output, marked as such, when the sandbox cannot run it."""
        key = (hashlib.sha256(topic.demo.encode()).hexdigest(), self.python)
        cached = self._demos.get(key)
        now = time.monotonic()
        if cached and now - cached[0] < DEMO_CACHE_SECONDS:
            age = int(now - cached[0])
            run = cached[1]
            return DemoRun(run.output, run.note.replace("just now", f"{age} s ago"), True)
        version = self.python or await self._default_version()
        try:
            result = await self.sandbox.run(
                topic.demo, timeout=DEMO_TIMEOUT, python=self.python, fast=True
            )
        except Exception as exc:  # the sandbox is down: the topic still answers
            log.warning("demo of %s not run: %s", topic.slug, exc)
            result = None
        if result is None or result.status not in ("ok", "error"):
            why = "the sandbox is unavailable" if result is None else f"sandbox: {result.status}"
            return DemoRun(
                topic.expected(version or ""), f"expected output; {why} right now", False
            )
        where = f" on Python {version}" if version else ""
        timing = f"{result.wall_ms} ms" + (", virtual time" if result.virtual_time else "")
        run = DemoRun(result.output, f"ran live{where} just now, {timing}", True)
        if len(self._demos) > 200:
            self._demos.clear()
        self._demos[key] = (now, run)
        return run
