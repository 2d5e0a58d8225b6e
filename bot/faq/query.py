"""Turning user text into safe FTS5 queries, fuzzy matching, miss grouping.

User text never reaches MATCH as syntax: it is cut into words (runs of
letters and digits, the same split FTS5's unicode61 tokenizer makes) and
each word becomes a double-quoted string, which FTS5 treats as plain text.
Quotes, `*`, `NEAR`, `-`, brackets and SQL are just separators or words.
"""

from __future__ import annotations

import difflib
import heapq
import re
from collections import Counter
from dataclasses import dataclass, field

from bot.faq.models import MissGroup
from bot.faq.validate import clean_text

MAX_TERMS = 12
MAX_TERM = 64
MIN_PREFIX = 3  # "a"* would expand to most of the index
FUZZY_CUTOFF = 0.8  # a name this close is taken as the answer (typos)
SUGGEST_CUTOFF = 0.6  # looser, for "did you mean" on a miss
MISS_SIMILARITY = 0.8
MISS_FANOUT = 100  # groups looked at per word
MISS_CANDIDATES = 20  # groups compared per new wording
FULL_SCAN_KEYS = 2000

_WORD = re.compile(r"[^\W_]+")

# Words in nearly every FAQ carry no meaning for ranking (bm25 gives them
# almost no weight) yet make FTS5 score every document; leave them out of
# searches when the query has other words.
STOPWORDS = frozenset(
    "a about an and are as at be but by can could do does doing for from had has have how "
    "i if in into is it its me my of on or our should so than that the their them then "
    "there these they this those to was we were what when where which while who why will "
    "with would you your".split()
)


def terms(text: str, *, drop_stopwords: bool = False) -> list[str]:
    """Distinct words of the text, lower case, in order, capped."""
    out = list(dict.fromkeys(w[:MAX_TERM] for w in _WORD.findall(clean_text(text).casefold())))
    if drop_stopwords:
        # Nothing but stopwords: nothing worth searching for.
        out = [w for w in out if w not in STOPWORDS]
    return out[:MAX_TERMS]


def fts_match(
    words: list[str], *, every: bool, prefix_last: bool = False, heads_only: bool = False
) -> str | None:
    """An FTS5 expression of quoted words; None when there is nothing to find.

    heads_only limits the match to name, aliases and title, which are short,
    so even a common word matches few rows and ranking them is cheap.
    """
    if not words:
        return None
    # A word is letters and digits only, so it cannot contain a quote.
    quoted = [f'"{w}"' for w in words]
    if prefix_last and len(words[-1]) >= MIN_PREFIX:
        quoted[-1] += "*"
    expr = (" AND " if every else " OR ").join(quoted)
    return f"{{name aliases title}} : ({expr})" if heads_only else expr


def closest(query: str, keys: list[str], n: int = 6) -> list[tuple[float, str]]:
    """The n keys most like the query (ratio >= SUGGEST_CUTOFF), best first.

    difflib.get_close_matches without throwing the scores away, so one pass
    serves both the fuzzy match and the suggestions.
    """
    if len(keys) > FULL_SCAN_KEYS:
        # Thousands of names: only those sharing the first letter (typos
        # there are rarer), so a miss stays well under 100 ms.
        keys = [k for k in keys if k[:1] == query[:1]]
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(query)
    scored = []
    for key in keys:
        matcher.set_seq1(key)
        if (
            matcher.real_quick_ratio() >= SUGGEST_CUTOFF
            and matcher.quick_ratio() >= SUGGEST_CUTOFF
            and (ratio := matcher.ratio()) >= SUGGEST_CUTOFF
        ):
            scored.append((ratio, key))
    return heapq.nlargest(n, scored)


@dataclass
class _Group:
    signature: str
    members: list[tuple[str, int, float]] = field(default_factory=list)


def group_misses(rows: list[tuple[str, int, float]]) -> list[MissGroup]:
    """Group (query, count, last_seen) rows that say the same thing.

    A wording's signature is its sorted set of words without stopwords, so
    "event loop closed", "closed event-loop" and "the event loop is closed"
    are one group at once. Signatures that differ a little (a typo, one
    extra word) join a group when their difflib ratio is high; only groups
    sharing a word are compared, and only a few of them, so a report over
    thousands of wordings stays fast. Most frequent groups first.
    """
    groups: list[_Group] = []
    by_signature: dict[str, _Group] = {}
    by_word: dict[str, list[int]] = {}
    matcher = difflib.SequenceMatcher(autojunk=False)
    for query, count, last in sorted(rows, key=lambda r: (-r[1], r[0])):
        words = set(terms(query, drop_stopwords=True)) or {query}
        signature = " ".join(sorted(words))
        group = by_signature.get(signature)
        if group is None:
            # Earlier (more frequent) groups that share the most words.
            shared = Counter(i for w in words for i in by_word.get(w, ())[:MISS_FANOUT])
            matcher.set_seq2(signature)
            for i, _ in shared.most_common(MISS_CANDIDATES):
                matcher.set_seq1(groups[i].signature)
                if (
                    matcher.real_quick_ratio() >= MISS_SIMILARITY
                    and matcher.quick_ratio() >= MISS_SIMILARITY
                    and matcher.ratio() >= MISS_SIMILARITY
                ):
                    group = groups[i]
                    break
        if group is None:
            group = _Group(signature)
            groups.append(group)
            for w in words:
                by_word.setdefault(w, []).append(len(groups) - 1)
        by_signature[signature] = group
        group.members.append((query, count, last))
    out = [
        MissGroup(
            example=g.members[0][0],
            count=sum(c for _, c, _ in g.members),
            last_seen=max(t for _, _, t in g.members),
            queries=[q for q, _, _ in g.members],
        )
        for g in groups
    ]
    out.sort(key=lambda g: (-g.count, -g.last_seen))
    return out
