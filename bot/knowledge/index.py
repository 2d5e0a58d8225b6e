"""The search side of the ranking: a question's words against the FTS5 index.

All of one question's queries run together on a read-only connection of
their own, in one trip to a thread (as aiosqlite runs each statement, but
once per question instead of once per statement): a question asks a handful
of small queries, and each trip costs more than the query.
"""

from __future__ import annotations

import difflib
import math
import sqlite3
import threading
from collections import defaultdict
from pathlib import Path

from bot.faq import sql
from bot.knowledge.query import Question

CANDIDATES = 12  # answers bm25 hands to the finer scoring
QUESTIONS = 20  # example questions looked at
QUESTION_ROWS = 1000  # a topic's questions have rowids -(1000 * n + i)
TYPO_CUTOFF = 0.8
MIN_TYPO_LENGTH = 4
# bm25 weights: name, aliases, title, content, errors, questions.
WEIGHTS = "10.0, 8.0, 5.0, 1.0, 4.0, 2.0"

_ANSWERS = f"""
SELECT s.rowid AS id, bm25(search_fts, {WEIGHTS}) AS rank
FROM search_fts s LEFT JOIN faq f ON f.id = s.rowid
WHERE search_fts MATCH :match AND (s.rowid < 0 OR ({sql.VISIBLE}))
ORDER BY rank LIMIT {CANDIDATES}
"""
_QUESTIONS = f"""
SELECT q.rowid AS id, bm25(question_fts) AS rank
FROM question_fts q LEFT JOIN faq f ON f.id = q.rowid
WHERE question_fts MATCH :match AND (q.rowid < 0 OR ({sql.VISIBLE}))
ORDER BY rank LIMIT {QUESTIONS}
"""
_COUNT = "SELECT count(*) FROM search_fts WHERE search_fts MATCH ?"


def _quoted(term: str) -> str:
    return f'"{term}"'  # a word is letters and digits only: it cannot hold a quote


class SearchIndex:
    def __init__(self, path: Path, topic_slugs: list[str]) -> None:
        self.path = path
        self.topic_slugs = topic_slugs  # topic.id -n is topic_slugs[n - 1]
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._generation = -1
        self._freqs: dict[str, int] = {}
        self._total = 0
        self._grams: dict[str, set[str]] | None = None

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def _connect(self, generation: int) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = sqlite3.connect(self.path, check_same_thread=False)
            self._conn.execute("PRAGMA query_only = ON")
        if generation != self._generation:  # the store changed: counts and words too
            self._generation, self._freqs, self._grams = generation, {}, None
            self._total = self._conn.execute("SELECT count(*) FROM search_fts").fetchone()[0]
        return self._conn

    def search(self, g: int, question: Question, generation: int) -> tuple[dict, dict]:
        """Signals per answer id (topic ids are negative): `coverage` (how much of
        the question, by weight, the answer holds), `bm25` and `question` (how
        close its nearest example question is), both relative to the best; and
        what each id is (see `refs`)."""
        with self._lock:
            conn = self._connect(generation)
            terms = {w: self._term(conn, w) for w in question.words}
            found = [t for t in dict.fromkeys(terms.values()) if t]
            if not found:
                return {}, {}
            match = " OR ".join(_quoted(t) for t in found)
            answers = conn.execute(_ANSWERS, {"g": g, "match": match}).fetchall()
            asked = conn.execute(_QUESTIONS, {"g": g, "match": match}).fetchall()
            signals: dict[int, dict[str, float]] = defaultdict(dict)
            if answers:
                ids = [row[0] for row in answers]
                held = self._held(conn, ids, found)
                unknown = math.log(self._total + 1)  # a word the index lacks weighs most
                weights = {t: self._idf(t) for t in found}
                whole = sum(weights.get(t, unknown) for t in terms.values()) or 1.0
                top = -answers[0][1] or 1.0
                for answer, rank in answers:
                    got = sum(weights[t] for t in held.get(answer, ()))
                    signals[answer]["coverage"] = got / whole
                    signals[answer]["bm25"] = -rank / top
            best = -asked[0][1] if asked else 1.0
            for qid, rank in asked:
                answer = -(-qid // QUESTION_ROWS) if qid < 0 else qid
                closeness = -rank / (best or 1.0)
                if closeness > signals[answer].get("question", 0.0):
                    signals[answer]["question"] = closeness
            return dict(signals), self._refs(conn, list(signals))

    def _refs(self, conn, ids: list[int]) -> dict[int, tuple[str, str, int | None]]:
        """id -> (ref, title, FAQ id); a topic's title is left to the library."""
        out = {i: (self.topic_slugs[-i - 1], "", None) for i in ids if i < 0}
        faq_ids = ", ".join(str(int(i)) for i in ids if i > 0)
        if faq_ids:
            rows = conn.execute(f"SELECT id, name, title FROM faq WHERE id IN ({faq_ids})")
            out.update({i: (f"faq:{name}", title or name, i) for i, name, title in rows})
        return out

    def faq_keys(self, g: int, generation: int) -> list[tuple[str, str, str, int]]:
        """(key, name, title, id) of every FAQ name and alias guild `g` sees."""
        with self._lock:
            conn = self._connect(generation)
            return conn.execute(
                "SELECT k.key, f.name, f.title, f.id FROM faq_key k JOIN faq f ON f.id = k.faq_id"
                f" WHERE k.live = 1 AND k.guild_id IN (:g, 0) AND {sql.VISIBLE}",
                {"g": g},
            ).fetchall()

    # -- words -----------------------------------------------------------------

    def _term(self, conn: sqlite3.Connection, word: str) -> str:
        """What to search for: the word when the index has it, else the closest
        indexed word (a typo), else '' (it counts as unmatched)."""
        if self._freq(conn, word):
            return word
        if len(word) < MIN_TYPO_LENGTH or word.isdigit():
            return ""
        return self._closest(conn, word)

    def _freq(self, conn: sqlite3.Connection, term: str) -> int:
        if term not in self._freqs:
            self._freqs[term] = conn.execute(_COUNT, (_quoted(term),)).fetchone()[0]
        return self._freqs[term]

    def _idf(self, term: str) -> float:
        df = self._freqs.get(term, 0)
        return math.log((self._total - df + 0.5) / (df + 0.5) + 1.0)

    def _held(self, conn, ids: list[int], terms: list[str]) -> dict[int, set[str]]:
        """Which of the terms each answer holds."""
        inside = ", ".join(str(int(i)) for i in ids)
        parts = " UNION ALL ".join(
            f"SELECT {n}, rowid FROM search_fts WHERE search_fts MATCH ? AND rowid IN ({inside})"
            for n in range(len(terms))
        )
        held: dict[int, set[str]] = defaultdict(set)
        for n, rowid in conn.execute(parts, [_quoted(t) for t in terms]):
            held[rowid].add(terms[n])
        return held

    def _closest(self, conn: sqlite3.Connection, word: str) -> str:
        if self._grams is None:
            grams: dict[str, set[str]] = defaultdict(set)
            for (term,) in conn.execute("SELECT term FROM search_vocab"):
                if len(term) >= MIN_TYPO_LENGTH - 1:
                    for gram in _trigrams(term):
                        grams[gram].add(term)
            self._grams = grams
        shared: dict[str, int] = defaultdict(int)
        for gram in _trigrams(word):
            for term in self._grams.get(gram, ()):
                shared[term] += 1
        likely = sorted(shared, key=lambda t: -shared[t])[:50]
        close = difflib.get_close_matches(word, likely, n=1, cutoff=TYPO_CUTOFF)
        if close:
            self._freq(conn, close[0])
        return close[0] if close else ""


def _trigrams(word: str) -> set[str]:
    padded = f" {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}
