"""The classifier alone: it learns which words tell answers apart, where the
word model counts how often each answer uses them."""

from collections import Counter

import pytest

from bot.knowledge import wordmodel
from bot.knowledge.classifier import Classifier
from bot.knowledge.models import shipped_models
from bot.knowledge.stems import Stemmer

NOISE = frozenset({"how", "do", "i", "a", "the", "in", "of", "my", "is"})
STEMS = Stemmer()


def features(text: str) -> Counter[str]:
    return wordmodel.features(STEMS.sequences({1: text})[1], NOISE)


# "with" is in every example of the first answer, and in as many of the second:
# only "async" tells them apart.
EXAMPLES = {
    -1: [
        "async with block for a session",
        "write my own class for async with",
        "async with inside a coroutine",
        "async with and aenter",
    ],
    0: [
        "with open file as f",
        "with statement for a lock in threads",
        "why use with for files",
        "with and enter exit methods",
        "reading lines with a for loop",
        "list comprehension with a condition",
    ],
}


@pytest.fixture(scope="module")
def trained() -> Classifier:
    return Classifier.train({a: [features(t) for t in ts] for a, ts in EXAMPLES.items()})


def test_a_word_both_answers_use_tells_nothing_the_word_they_differ_in_does(trained):
    plain = trained.posterior(features("how does with work"))
    asynchronous = trained.posterior(features("how does async with work"))
    assert plain[0] > plain[-1]
    assert asynchronous[-1] > 0.5
    assert sum(plain.values()) == pytest.approx(1.0)


def test_words_it_never_saw_leave_the_classes_as_trained(trained):
    unknown = trained.posterior(features("zyzzyva quux"))
    assert unknown == trained.posterior([])
    assert set(unknown) == {-1, 0}


def test_a_process_builds_the_shipped_models_once_for_the_same_texts():
    first = shipped_models(EXAMPLES, NOISE)
    assert shipped_models({a: list(ts) for a, ts in EXAMPLES.items()}, NOISE) is first
    assert shipped_models({**EXAMPLES, 0: EXAMPLES[0][:-1]}, NOISE) is not first
    assert first.classifier.posterior(features("async with"))[-1] > 0.5


def test_a_single_answer_is_certain():
    alone = Classifier.train({-1: [features("async with block")]})
    assert alone.posterior(features("async with")) == {-1: 1.0}
