"""Which topic a question is about: a logistic regression (scikit-learn) over
the word model's features (stems and pairs of neighbouring stems), trained on
the topics' example questions, names and error lines, and on the off-topic
examples as one more class.

Where the word model (wordmodel.py) scores each answer by how often its texts
use the question's words, this one learns which words tell the answers apart:
"with" is in every async-with example and in many off-topic ones, so alone it
says little. It knows only the shipped answers; a guild's FAQs come and go, so
the word model keeps weighing them (see index.py).

Training takes a second or two; models.py trains once per process.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

import numpy as np

REGULARISATION = 10.0  # scikit-learn's C: the larger, the less the weights are held back
MIN_EXAMPLES = 2  # a feature of a single example teaches nothing general
MAX_ITERATIONS = 300


class Classifier:
    def __init__(self, answers: list[int], vocabulary: dict[str, int], weights, bias) -> None:
        self.answers = answers
        self.vocabulary = vocabulary
        self.weights = weights  # (features, answers)
        self.bias = bias

    @classmethod
    def train(cls, examples: dict[int, list[Counter[str]]]) -> Classifier:
        answers = sorted(examples)
        if len(answers) < 2:  # nothing to tell apart
            return cls(answers, {}, np.zeros((0, len(answers))), np.zeros(len(answers)))
        seen = Counter(f for features in examples.values() for one in features for f in one)
        rows, labels = [], []
        for label, answer in enumerate(answers):
            for features in examples[answer]:
                rows.append({f: 1.0 for f in features if seen[f] >= MIN_EXAMPLES})
                labels.append(label)
        # Imported here: a second's import that only training needs.
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression

        vectors = DictVectorizer()
        matrix = vectors.fit_transform(rows)
        # "balanced": the off-topic class has several times a topic's examples
        model = LogisticRegression(
            C=REGULARISATION, class_weight="balanced", max_iter=MAX_ITERATIONS
        )
        model.fit(matrix, labels)
        weights, bias = model.coef_.T, model.intercept_
        if len(answers) == 2:  # scikit-learn keeps one column: the second class's odds
            weights = np.hstack([np.zeros_like(weights), weights])
            bias = np.array([0.0, bias[0]])
        weights = np.ascontiguousarray(weights, dtype=np.float64)
        return cls(answers, vectors.vocabulary_, weights, bias.astype(np.float64))

    def posterior(self, features: Iterable[str]) -> dict[int, float]:
        """P(answer | the question's features) over the answers it was trained on."""
        known = [self.vocabulary[f] for f in set(features) if f in self.vocabulary]
        logits = self.bias + self.weights[known].sum(axis=0)
        top = float(logits.max())
        odds = [math.exp(float(x) - top) for x in logits]
        whole = sum(odds)
        return {answer: p / whole for answer, p in zip(self.answers, odds, strict=True)}
