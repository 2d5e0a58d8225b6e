"""One ranking for every lookup: `!ask`, `!explain`'s fallback and `!faq`'s best
match all call `Ranker.rank`, so they never disagree.

Topics and the FAQs a guild can see share one FTS5 index (search_fts, see
data/migrations/002_search.sql); a question is scored on six signals:

- likely: how probable the answer is given the question's words and word
  pairs: the word model (wordmodel.py) weighs the FAQs found against the
  rest, and a classifier (classifier.py) shares the rest among the topics and
  the off-topic examples (a question like those gets no answer);
- question: how close (weighted by word rarity) the two nearest example
  questions of an answer are; topics carry 112 each, FAQs their title;
- coverage: how much of the question, by weight, the answer holds;
- bm25 over names, aliases, titles, bodies, error lines and examples (typos
  corrected to the closest word of the index first);
- names: a topic's or FAQ's name, title or alias written in the question;
- signs: an error line of the diagnostics table pasted into it (root cause first).
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from bot import DATA_DIR
from bot.faq import FaqStore
from bot.knowledge import diagnostics
from bot.knowledge.index import OFF_TOPIC, QUESTION_ROWS, SearchIndex
from bot.knowledge.library import Library
from bot.knowledge.query import Question, read
from bot.knowledge.topics import fold

# Weights of the signals, and the score an answer needs to be given as one.
# (Chosen on tests/data/ask_eval.tsv and the two holdout sets together, on a
# plateau: neighbouring values give within a few questions the same.)
W_COVERAGE, W_BM25, W_NAME, W_SIGN, W_QUESTION, W_LIKELY = 0.3, 0.2, 0.5, 0.55, 0.2, 1.3
CONFIDENT = 0.7
# How likely the question is one of the off-topic kind ("likely" of the
# off-topic class): from this belief on, no answer is given (unless the
# question pastes an error line of ours).
OFF_TOPIC_BELIEF = 0.5
OFF_TOPIC_FILE = DATA_DIR / "ask" / "off-topic.txt"
MAX_NAME_WORDS = 6


@dataclass(frozen=True)
class Candidate:
    ref: str  # a topic's slug, or "faq:<name>"
    title: str
    score: float
    faq_id: int | None = None

    @property
    def is_faq(self) -> bool:
        return self.ref.startswith("faq:")


@dataclass(frozen=True)
class Ranking:
    question: Question
    best: Candidate | None  # None: nothing fits well enough to be the answer
    others: tuple[Candidate, ...]  # the runners-up, or suggestions on a miss
    elapsed_ms: float
    signals: dict[str, dict[str, float]] = field(default_factory=dict)  # ref -> signal -> value


class Ranker:
    def __init__(
        self, store: FaqStore, library: Library, off_topic: list[str] | None = None
    ) -> None:
        self.store = store
        self.library = library
        topics = list(library.topics.values())
        self.index = SearchIndex(
            store.db.path,
            [t.slug for t in topics],
            [_text_of(t) for t in topics],
            {qid: q for qid, q in _questions(topics)},
            [_words_of(t) for t in topics],
            off_topic_examples() if off_topic is None else off_topic,
        )
        self._topic_names = _names(
            (fold(n), t.slug, t.title) for t in library.topics.values() for n in t.names
        )
        self._faq_names: dict[int, tuple[int, dict]] = {}

    def prepare_in_background(self) -> None:
        """Build the models now, in a thread the process does not wait for at
        exit, so the first question finds them ready (it waits otherwise)."""
        threading.Thread(target=self.index.prepare, name="ask-models", daemon=True).start()

    def close(self) -> None:
        self.index.close()

    async def sync_topics(self) -> None:
        """Put the library's topics in the index (they replace what was there)."""
        topics = list(self.library.topics.values())
        rows = [
            (-n, t.slug, t.title, " ".join(t.aliases), _content_of(t), "\n".join(t.errors),
             "\n".join(t.questions))
            for n, t in enumerate(topics, start=1)
        ]  # fmt: skip
        questions = list(_questions(topics))
        async with self.store.db.write() as conn:
            await conn.execute("DELETE FROM topic")
            await conn.executemany("INSERT INTO topic VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
            await conn.execute("DELETE FROM question_fts WHERE rowid < 0")
            await conn.executemany(
                "INSERT INTO question_fts (rowid, question) VALUES (?, ?)", questions
            )
        self.store._changed()

    async def rank(self, guild_id: int, text: str, limit: int = 3) -> Ranking:
        start = time.perf_counter()
        question = read(text)
        generation = self.store.generation
        found: dict[int, dict[str, float]] = {}
        refs: dict[int, tuple[str, str, int | None]] = {}
        if not question.empty:
            found, refs = await asyncio.to_thread(self.index.search, guild_id, question, generation)
        names = await self._names_for(guild_id, generation)
        signals: dict[str, dict[str, float]] = defaultdict(dict)
        titles: dict[str, tuple[str, int | None]] = {}
        for answer, values in found.items():
            if answer in refs:
                ref, title, faq_id = refs[answer]
                signals[ref].update(values)
                titles[ref] = (title or self._title(ref), faq_id)
        for ref, (weight, title, faq_id) in _names_in(question.folded, names).items():
            signals[ref]["name"] = weight
            titles.setdefault(ref, (title, faq_id))
        for n, sign in enumerate(diagnostics.signs_in(question.raw)):
            if sign.topic in self.library:
                signals[sign.topic]["sign"] = 1.0 / (1 + n)
                titles.setdefault(sign.topic, (self._title(sign.topic), None))
        ranked = sorted(
            (
                Candidate(ref, titles[ref][0], round(score(values), 4), titles[ref][1])
                for ref, values in signals.items()
            ),
            key=lambda c: (-c.score, c.ref),
        )
        off_topic = found.get(OFF_TOPIC, {}).get("likely", 0.0)
        best = (
            ranked[0]
            if ranked and confident(signals[ranked[0].ref], ranked[0].score, off_topic)
            else None
        )
        others = tuple(ranked[1:limit] if best else ranked[:limit])
        elapsed = (time.perf_counter() - start) * 1000
        return Ranking(question, best, others, round(elapsed, 3), dict(signals))

    def _title(self, slug: str) -> str:
        return self.library[slug].title if slug in self.library else slug

    async def _names_for(self, g: int, generation: int) -> dict:
        cached = self._faq_names.get(g)
        if cached is None or cached[0] != generation:
            rows = await asyncio.to_thread(self.index.faq_keys, g, generation)
            faq = _names(
                (fold(key), f"faq:{name}", title or name, i) for key, name, title, i in rows
            )
            if len(self._faq_names) > 1000:
                self._faq_names.clear()
            cached = (generation, {**faq, **self._topic_names})  # a topic's name wins
            self._faq_names[g] = cached
        return cached[1]


def _questions(topics):
    """(question_fts rowid, example question) for every topic's questions."""
    for n, topic in enumerate(topics, start=1):
        for i, question in enumerate(topic.questions[: QUESTION_ROWS - 1]):
            yield -(QUESTION_ROWS * n + i), question


def _content_of(topic) -> str:
    return f"{topic.summary}\n{topic.explanation}"


def off_topic_examples(path: Path = OFF_TOPIC_FILE) -> list[str]:
    """Questions no topic or FAQ here is for (general Python, other languages,
    other parts of discord.py): the word model's picture of "not ours"."""
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _words_of(topic) -> list[str]:
    """What the word model learns a topic from: how it is named and asked about."""
    names = (topic.slug.replace("-", " "), topic.title, " ".join(topic.aliases), topic.summary)
    return [*names, *topic.errors, *topic.questions]


def _text_of(topic) -> str:
    """Everything of a topic the index holds, in one text."""
    parts = (topic.slug, " ".join(topic.aliases), topic.title, _content_of(topic))
    return "\n".join((*parts, *topic.errors, *topic.questions))


def score(found: dict[str, float]) -> float:
    return (
        W_COVERAGE * found.get("coverage", 0.0)
        + W_BM25 * found.get("bm25", 0.0)
        + W_NAME * found.get("name", 0.0)
        + W_SIGN * found.get("sign", 0.0)
        # the two nearest example questions: one close example can be chance
        + W_QUESTION * (found.get("question", 0.0) + found.get("question2", 0.0))
        + W_LIKELY * found.get("likely", 0.0)
    )


def confident(found: dict[str, float], total: float, off_topic: float = 0.0) -> bool:
    """Enough evidence to answer rather than suggest: a high enough score, and
    a question not taken for an off-topic one, unless it holds an error line
    of ours."""
    return total >= CONFIDENT and (off_topic < OFF_TOPIC_BELIEF or "sign" in found)


def _names(entries) -> dict[str, tuple]:
    """folded name -> (ref, title, faq id)."""
    out = {}
    for entry in entries:
        name, ref, title, *faq_id = entry
        if name and len(name.split()) <= MAX_NAME_WORDS:
            out.setdefault(name, (ref, title, faq_id[0] if faq_id else None))
    return out


def _names_in(folded: str, names: dict) -> dict[str, tuple[float, str, int | None]]:
    """Names written in the question, as word sequences; a longer name says more."""
    words = folded.split()
    found: dict[str, tuple[float, str, int | None]] = {}
    for size in range(MAX_NAME_WORDS, 0, -1):
        for i in range(len(words) - size + 1):
            hit = names.get(" ".join(words[i : i + size]))
            if hit is None:
                continue
            ref, title, faq_id = hit
            weight = min(1.0, 0.35 * size) if size > 1 else 0.25
            if weight > found.get(ref, (0.0,))[0]:
                found[ref] = (weight, title, faq_id)
    return found
