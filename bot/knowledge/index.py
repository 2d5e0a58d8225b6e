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
from collections import Counter, defaultdict
from pathlib import Path

from bot.faq import sql
from bot.faq.query import STOPWORDS
from bot.knowledge import wordmodel
from bot.knowledge.models import ShippedModels, shipped_models
from bot.knowledge.query import NOISE_WORDS, Question
from bot.knowledge.stems import Stemmer

CANDIDATES = 12  # answers bm25 hands to the finer scoring
QUESTIONS = 40  # example questions looked at
OFF_TOPIC = 0  # the word model's answer id for questions no answer here is for
QUESTION_ROWS = 1000  # a topic's questions have rowids -(1000 * n + i)
TYPO_CUTOFF = 0.8
MIN_TYPO_LENGTH = 4
HELD_CACHE = 5000  # answers whose stems are kept
COMMON_SHARE, COMMON_ROWS = 0.005, 50  # a word in more rows than both is common
MAX_MATCH_TERMS = 8  # the rarest words of a question that look for candidates
QUESTION_TERMS = 6  # ... and for close example questions
# bm25 weights: name, aliases, title, content, errors, questions.
WEIGHTS = "10.0, 8.0, 5.0, 1.0, 4.0, 2.0"

# Topics and FAQs are asked apart: the topics are few, so every word may find
# them; among thousands of FAQs a common word would make bm25 score most rows,
# so there it counts only in names, aliases and titles. bm25 reads the whole
# table's statistics either way, so the two lists rank on one scale.
_TOPICS = f"""
SELECT rowid AS id, bm25(search_fts, {WEIGHTS}) AS rank FROM search_fts
WHERE search_fts MATCH :match AND rowid < 0 ORDER BY rank LIMIT {CANDIDATES}
"""
_FAQS = f"""
SELECT s.rowid AS id, bm25(search_fts, {WEIGHTS}) AS rank
FROM search_fts s JOIN faq f ON f.id = s.rowid
WHERE search_fts MATCH :match AND s.rowid > 0 AND {sql.VISIBLE}
ORDER BY rank LIMIT {CANDIDATES}
"""
_QUESTIONS = f"""
SELECT q.rowid AS id, bm25(question_fts) AS rank
FROM question_fts q LEFT JOIN faq f ON f.id = q.rowid
WHERE question_fts MATCH :match AND (q.rowid < 0 OR ({sql.VISIBLE}))
ORDER BY rank LIMIT {QUESTIONS}
"""


def _quoted(term: str) -> str:
    return f'"{term}"'  # a word is letters and digits only: it cannot hold a quote


class SearchIndex:
    def __init__(
        self,
        path: Path,
        topic_slugs: list[str],
        topic_texts: list[str],
        topic_questions: dict[int, str],
        topic_words: list[list[str]],
        off_topic: list[str] = (),
    ) -> None:
        self.path = path
        self.topic_slugs = topic_slugs  # topic.id -n is topic_slugs[n - 1]
        self.topic_texts = topic_texts  # everything indexed of it, for coverage
        self.topic_questions = topic_questions  # question_fts rowid -> example question
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._words = Stemmer()
        self._generation = -1
        self._freqs: dict[str, int] = {}  # stem -> rows holding it
        self._total = 0
        self._grams: dict[str, set[str]] | None = None
        self._held_by: dict[int, frozenset[str]] = {}  # answer id -> its stems (a cache)
        self._asked_by: dict[int, tuple[frozenset[str], float]] = {}  # question rowid -> stems
        self._noise = frozenset(self._words.stems(tuple(sorted(STOPWORDS | NOISE_WORDS))))
        # What the word model and the classifier know of each topic (FAQs are
        # profiled when found), and of the questions no answer here is for.
        # Built on first use (see prepare).
        self._models: ShippedModels | None = None
        self._shipped = {-n: list(texts) for n, texts in enumerate(topic_words, start=1)}
        if off_topic:
            self._shipped[OFF_TOPIC] = list(off_topic)
        self._profiles: dict[int, tuple[wordmodel.Profile, set[str]]] = {}  # FAQ id -> (a cache)

    def prepare(self) -> ShippedModels:
        """The models of the shipped answers: built by the first caller (a few
        seconds; the bot starts it in the background), shared after."""
        if self._models is None:
            self._models = shipped_models(self._shipped, self._noise)
        return self._models

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
            self._freqs = dict(self._conn.execute("SELECT term, doc FROM search_vocab"))
            self._total = self._conn.execute("SELECT count(*) FROM search_fts").fetchone()[0]
            self._generation, self._grams = generation, None
            self._held_by, self._asked_by, self._profiles = {}, {}, {}
        return self._conn

    def search(self, g: int, question: Question, generation: int) -> tuple[dict, dict]:
        """Signals per answer id (topic ids are negative): `coverage` (how much of
        the question, by weight, the answer holds), `bm25` and `question` (how
        close its nearest example question is), both relative to the best; and
        what each id is (ref, title, FAQ id)."""
        with self._lock:
            conn = self._connect(generation)
            stems = [self._known(stem) for stem in self._words.stems(question.words)]
            found = sorted({s for s in stems if s}, key=lambda s: self._freqs[s])
            if not found:
                return {}, {}
            # The rarest words find the candidates: a word in most rows ranks
            # nothing and would make bm25 score all of them.
            terms = found[:MAX_MATCH_TERMS]
            match = " OR ".join(_quoted(t) for t in terms)
            common_from = max(COMMON_ROWS, self._total * COMMON_SHARE)
            rare = [t for t in terms if self._freqs[t] <= common_from]
            common = [t for t in terms if t not in rare]
            # Common words find FAQs only when nothing rarer does, and then only
            # in their names, aliases and titles.
            faq_match = (
                " OR ".join(map(_quoted, rare))
                if rare
                else f"{{name aliases title}} : ({' OR '.join(map(_quoted, common))})"
            )
            answers = sorted(
                conn.execute(_TOPICS, {"match": match}).fetchall()
                + conn.execute(_FAQS, {"g": g, "match": faq_match}).fetchall(),
                key=lambda row: row[1],
            )[:CANDIDATES]
            # Example questions are many and short: the rarest few words find the close ones.
            few = " OR ".join(_quoted(t) for t in terms[:QUESTION_TERMS])
            asked = conn.execute(_QUESTIONS, {"g": g, "match": few}).fetchall()
            signals: dict[int, dict[str, float]] = defaultdict(dict)
            ids = [row[0] for row in answers]
            refs, texts = self._refs(conn, list(dict.fromkeys([*ids, *_answers_of(asked)])))
            unknown = math.log(self._total + 1)  # a word the index lacks weighs most
            if answers:
                held = self._held({i: texts[i] for i in ids if i in texts}, set(found))
                weights = {t: self._idf(t) for t in found}
                whole = sum(weights.get(s, unknown) for s in stems) or 1.0
                top = -answers[0][1] or 1.0
                for answer, rank in answers:
                    got = sum(weights[t] for t in held.get(answer, ()))
                    signals[answer]["coverage"] = got / whole
                    signals[answer]["bm25"] = -rank / top
            if asked:
                mine = {s for s in stems if s} | {f"?{n}" for n, s in enumerate(stems) if not s}
                weigh = {
                    **{t: self._idf(t) for t in mine},
                    **dict.fromkeys(mine - set(found), unknown),
                }
                examples = self._asked({qid: self._question_text(qid, refs) for qid, _ in asked})
                own = sum(weigh.values())
                for qid, _ in asked:
                    theirs, their_weight = examples[qid]
                    both = sum(weigh[t] for t in mine & theirs)
                    total = own + their_weight
                    answer = _answer_of(qid)
                    closeness = 2 * both / (total or 1.0)
                    first = signals[answer].get("question", 0.0)
                    if closeness > first:
                        signals[answer]["question"], closeness = closeness, first
                    if closeness > signals[answer].get("question2", 0.0):
                        signals[answer]["question2"] = closeness
            faqs = {i: texts[i] for i in refs if i > 0 and i in texts}
            for answer, likely in self._likely(question, faqs).items():
                signals[answer]["likely"] = likely
                if answer < 0:
                    refs.setdefault(answer, (self.topic_slugs[-answer - 1], "", None))
            return dict(signals), refs

    def _likely(self, question: Question, faqs: dict[int, str]) -> dict[int, float]:
        """How likely each answer is: the FAQs found (by the word model), every
        topic and the off-topic class (the rest, shared by the classifier)."""
        models = self.prepare()
        new = {i: text for i, text in faqs.items() if i not in self._profiles}
        if new:
            if len(self._profiles) > HELD_CACHE:
                self._profiles = {}
            for i, seq in self._words.sequences(new).items():
                profile = wordmodel.profile([seq], self._noise)
                # and the features no shipped answer has (kept: the set is large)
                self._profiles[i] = (profile, profile.counts.keys() - models.vocabulary)
        found = {i: self._profiles[i][0] for i in faqs}
        theirs = set().union(*(self._profiles[i][1] for i in faqs))
        seq = self._words.sequences({1: question.prose})[1]
        asked = wordmodel.features(seq, self._noise)
        known = Counter({f: n for f, n in asked.items() if f in models.vocabulary or f in theirs})
        profiles = {**models.profiles, **found}
        words = wordmodel.posterior(known, profiles, len(models.vocabulary) + len(theirs))
        if not words:
            return {}
        # The word model weighs the FAQs against the rest; the classifier shares
        # out the rest among the topics and the off-topic class.
        faqs_belief = sum(p for answer, p in words.items() if answer > 0)
        shipped = models.classifier.posterior(asked)
        return {
            **{answer: p for answer, p in words.items() if answer > 0},
            **{answer: p * (1 - faqs_belief) for answer, p in shipped.items()},
        }

    def _refs(self, conn, ids: list[int]) -> tuple[dict, dict[int, str]]:
        """id -> (ref, title, FAQ id), and id -> its text; a topic's title is left
        to the library."""
        refs = {i: (self.topic_slugs[-i - 1], "", None) for i in ids if i < 0}
        texts = {i: self.topic_texts[-i - 1] for i in ids if i < 0}
        faq_ids = ", ".join(str(int(i)) for i in ids if i > 0)
        if faq_ids:
            rows = conn.execute(
                "SELECT f.id, f.name, f.title, f.content, (SELECT group_concat(k.key, ' ')"
                "  FROM faq_key k WHERE k.faq_id = f.id AND k.kind = 'alias'),"
                " (SELECT group_concat(q.question, char(10)) FROM faq_question q"
                "  WHERE q.faq_id = f.id)"
                f" FROM faq f WHERE f.id IN ({faq_ids})"
            )
            for i, name, title, content, aliases, questions in rows:
                refs[i] = (f"faq:{name}", title or name, i)
                texts[i] = f"{name} {aliases or ''} {title} {content}\n{questions or ''}"
        return refs, texts

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

    def _held(self, texts: dict[int, str], wanted: set[str]) -> dict[int, set[str]]:
        """Which of the wanted stems each text holds (stems kept per answer)."""
        new = {i: text for i, text in texts.items() if i not in self._held_by}
        if new:
            if len(self._held_by) > HELD_CACHE:
                self._held_by = {}
            self._held_by.update(self._stem_texts(new))
        return {i: self._held_by[i] & wanted for i in texts}

    def _question_text(self, qid: int, refs: dict) -> str:
        if qid < 0:
            return self.topic_questions.get(qid, "")
        return refs[qid][1] if qid in refs else ""

    def _asked(self, texts: dict[int, str]) -> dict[int, tuple[frozenset[str], float]]:
        """The meaningful stems of example questions and their weight (kept per question)."""
        new = {i: text for i, text in texts.items() if i not in self._asked_by}
        if new:
            if len(self._asked_by) > HELD_CACHE:
                self._asked_by = {}
            for i, stems in self._stem_texts(new).items():
                meaningful = stems - self._noise
                self._asked_by[i] = (meaningful, sum(self._idf(t) for t in meaningful))
        return {i: self._asked_by[i] for i in texts}

    def _stem_texts(self, texts: dict[int, str]) -> dict[int, frozenset[str]]:
        return {i: frozenset(seq) for i, seq in self._words.sequences(texts).items()}

    def _known(self, stem: str) -> str:
        """The stem when the index has it, else the closest indexed one (a
        typo), else '' (it counts as unmatched)."""
        if not stem or stem in self._freqs:
            return stem
        if len(stem) < MIN_TYPO_LENGTH or stem.isdigit():
            return ""
        if self._grams is None:
            grams: dict[str, set[str]] = defaultdict(set)
            for term in self._freqs:
                if len(term) >= MIN_TYPO_LENGTH - 1 and not term.isdigit():
                    for gram in _trigrams(term):
                        grams[gram].add(term)
            self._grams = grams
        shared: dict[str, int] = defaultdict(int)
        for gram in _trigrams(stem):
            for term in self._grams.get(gram, ()):
                shared[term] += 1
        likely = sorted(shared, key=lambda t: -shared[t])[:50]
        close = difflib.get_close_matches(stem, likely, n=1, cutoff=TYPO_CUTOFF)
        return close[0] if close else ""

    def _idf(self, term: str) -> float:
        df = self._freqs.get(term, 0)
        return math.log((self._total - df + 0.5) / (df + 0.5) + 1.0)


def _answer_of(qid: int) -> int:
    """The answer an example question belongs to (see QUESTION_ROWS)."""
    return -(-qid // QUESTION_ROWS) if qid < 0 else qid


def _answers_of(asked) -> list[int]:
    return [_answer_of(qid) for qid, _ in asked]


def _trigrams(word: str) -> set[str]:
    padded = f" {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}
