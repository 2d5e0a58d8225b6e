"""What the ranking learns from the shipped answers (the topics and the
off-topic examples): the word model's profiles and the classifier.

Building them stems some 5,000 example lines and trains the classifier, a
few seconds with scikit-learn's import; a process builds them once for the
same texts (every bot started in one process, as in the tests, shares them;
they are never changed after they are built), on first use or ahead of it in
a background thread (Ranker.prepare_in_background).
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass

from bot.knowledge import wordmodel
from bot.knowledge.classifier import Classifier
from bot.knowledge.stems import Stemmer


@dataclass(frozen=True)
class ShippedModels:
    profiles: dict[int, wordmodel.Profile]  # answer id -> what the word model knows of it
    vocabulary: frozenset[str]  # every feature some profile holds
    classifier: Classifier


_built: dict[str, ShippedModels] = {}
_building = threading.Lock()


def shipped_models(answers: dict[int, list[str]], noise: frozenset[str]) -> ShippedModels:
    """The models for answer id -> its example texts (thread-safe: a second
    caller waits for the first one's build)."""
    key = hashlib.sha256(json.dumps([sorted(answers.items()), sorted(noise)]).encode()).hexdigest()
    with _building:
        if key not in _built:
            _built[key] = _build(answers, Stemmer(), noise)
        return _built[key]


def _build(answers: dict[int, list[str]], words: Stemmer, noise: frozenset[str]) -> ShippedModels:
    examples = {
        answer: list(words.sequences(dict(enumerate(texts))).values())
        for answer, texts in answers.items()
    }
    profiles = {answer: wordmodel.profile(seqs, noise) for answer, seqs in examples.items()}
    classifier = Classifier.train(
        {
            answer: [wordmodel.features(seq, noise) for seq in seqs]
            for answer, seqs in examples.items()
        }
    )
    vocabulary = frozenset().union(*(p.counts for p in profiles.values()))
    return ShippedModels(profiles, vocabulary, classifier)
