"""The word model alone: what it learns from an answer's texts and how it weighs
a question (the ranking around it is measured by test_ask_eval.py)."""

from collections import Counter

import pytest

from bot.knowledge import wordmodel
from bot.knowledge.stems import Stemmer

NOISE = frozenset({"how", "do", "at"})


def test_features_are_meaningful_stems_and_every_neighbouring_pair():
    got = wordmodel.features(["how", "do", "run", "two", "at", "onc"], NOISE)
    assert got == Counter(
        {"run": 1, "two": 1, "onc": 1, "how do": 1, "do run": 1, "run two": 1, "two at": 1,
         "at onc": 1}
    )  # fmt: skip


def test_pairs_never_span_two_texts():
    profile = wordmodel.profile([["gather", "result"], ["order", "list"]], NOISE)
    assert "result order" not in profile.counts
    assert profile.total == sum(profile.counts.values())


def test_the_answer_whose_words_the_question_uses_is_most_likely():
    stem = Stemmer()
    texts = {
        -1: ["run coroutines at the same time with gather", "gather results in order"],
        -2: ["limit how many downloads run at once with a semaphore"],
    }
    profiles = {
        i: wordmodel.profile(stem.sequences(dict(enumerate(t))).values(), NOISE)
        for i, t in texts.items()
    }
    vocabulary = set().union(*(p.counts for p in profiles.values()))
    asked = wordmodel.features(stem.sequences({1: "results of gather in order?"})[1], NOISE)
    question = Counter({f: n for f, n in asked.items() if f in vocabulary})
    belief = wordmodel.posterior(question, profiles, len(vocabulary))
    assert belief[-1] > 0.9 and sum(belief.values()) == pytest.approx(1.0)
    assert wordmodel.posterior(Counter(), profiles, len(vocabulary)) == {}  # nothing known
