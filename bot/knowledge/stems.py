"""Words as the search index stores them: porter stems from an in-memory FTS5
table tokenised exactly like search_fts, so what `!ask` compares is what the
index holds ("awaiting" and "awaited" are both "await")."""

from __future__ import annotations

import sqlite3
from collections import defaultdict

TOKENIZER = "porter unicode61 remove_diacritics 2"  # as in data/migrations/002_search.sql


class Stemmer:
    def __init__(self) -> None:
        self._conn = sqlite3.connect(":memory:", check_same_thread=False)
        self._conn.execute(
            f"CREATE VIRTUAL TABLE words USING fts5 (text, tokenize = '{TOKENIZER}')"
        )
        self._conn.execute("CREATE VIRTUAL TABLE words_vocab USING fts5vocab (words, 'instance')")

    def stems(self, words: tuple[str, ...]) -> list[str]:
        """Each word's stem, in order ('' where the tokenizer keeps nothing)."""
        if not words:
            return []
        by_offset = dict(self._one(" ".join(words)))
        return [by_offset.get(n, "") for n in range(len(words))]

    def sequences(self, texts: dict[int, str]) -> dict[int, list[str]]:
        """Each text's stems in reading order, many texts in one statement."""
        if not texts:
            return {}
        self._conn.executemany("INSERT INTO words (rowid, text) VALUES (?, ?)", texts.items())
        found: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
        rows = self._conn.execute("SELECT term, doc, col, offset FROM words_vocab")
        for term, doc, col, offset in rows:
            found[doc].append((col, offset, term))
        self._conn.execute("DELETE FROM words")
        return {i: [term for *_, term in sorted(found[i])] for i in texts}

    def _one(self, text: str) -> list[tuple[int, str]]:
        self._conn.execute("INSERT INTO words (rowid, text) VALUES (1, ?)", (text,))
        pairs = list(self._conn.execute("SELECT offset, term FROM words_vocab"))
        self._conn.execute("DELETE FROM words")
        return pairs
