"""How likely a question's words are to come from each answer: a multinomial
naive Bayes model whose "documents" are the answers themselves (a topic's
example questions, title, aliases, summary and error lines; an FAQ's name,
title, aliases and text).

It sees every word an answer holds at once, where the nearest example
questions see two sentences, and so it recognises a question put in words no
single example uses. Pairs of neighbouring words count as features too: "at
once", "same time" and "never awaited" say more than their words apart.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

ALPHA = 0.3  # additive smoothing: how much an unseen word costs an answer


@dataclass(frozen=True)
class Profile:
    counts: Counter[str]  # feature -> times the answer's text holds it
    total: int
    # log((count + ALPHA) / ALPHA) per feature held: what holding it adds to
    # the answer's log-likelihood over a feature it lacks (kept: it never changes)
    gains: dict[str, float]


def features(stems: Iterable[str], noise: frozenset[str]) -> Counter[str]:
    """Stems that carry meaning, and every pair of neighbours (noise words
    included: "one at a time" is all noise word by word)."""
    kept = [s for s in stems if len(s) > 1 or s.isdigit()]
    out = Counter(s for s in kept if s not in noise)
    out.update(f"{a} {b}" for a, b in zip(kept, kept[1:], strict=False))
    return out


def profile(texts: Iterable[list[str]], noise: frozenset[str]) -> Profile:
    """An answer's profile from its texts' stems (pairs never span two texts)."""
    counts: Counter[str] = Counter()
    for stems in texts:
        counts.update(features(stems, noise))
    gains = {f: math.log1p(c / ALPHA) for f, c in counts.items()}
    return Profile(counts, sum(counts.values()), gains)


def posterior(
    question: Counter[str], profiles: dict[int, Profile], vocabulary: int
) -> dict[int, float]:
    """P(answer | question words) over `profiles`, all answers equally likely
    beforehand. `question` holds only features some profile holds (the others
    tell no answer apart); `vocabulary` is how many features they hold."""
    known = list(question.items())
    if not known:
        return {}
    # log P(f | answer) = log(ALPHA / (total + ALPHA * V)) + gain(f), gain 0 if lacked
    words = sum(n for _, n in known)
    scores = {
        answer: words * math.log(ALPHA / (p.total + ALPHA * vocabulary))
        + sum(n * p.gains.get(f, 0.0) for f, n in known)
        for answer, p in profiles.items()
    }
    top = max(scores.values())
    weights = {answer: math.exp(s - top) for answer, s in scores.items()}
    whole = sum(weights.values())
    return {answer: w / whole for answer, w in weights.items()}
