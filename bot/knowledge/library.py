"""The topics as `!explain` finds them: by slug, title or alias, then by a typo."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from bot.faq import seed
from bot.knowledge.topics import GROUPS, TOPICS_DIR, Topic, check_all, fold, load_all

TYPO_CUTOFF = 0.84  # a name this close to what was typed is taken as meant
SUGGEST_CUTOFF = 0.6  # looser: offered under "did you mean"
CLEAR_MARGIN = 0.05  # the best look-alike must beat the next topic's by this much


def faq_keys(seed_dir: Path = seed.SEED_DIR) -> dict[str, str]:
    """The shipped FAQs' names and aliases, folded -> `faq:<name>`."""
    keys: dict[str, str] = {}
    for entry in seed.load_dir(seed_dir):
        for key in (entry.name, *entry.aliases):
            keys[fold(key)] = f"faq:{entry.name}"
    return keys


@dataclass(frozen=True)
class Found:
    """`!explain`'s answer: a topic (how it was found) or look-alikes to offer."""

    topic: Topic | None
    how: str  # "name" | "typo" | "none"
    score: float = 0.0
    suggestions: tuple[Topic, ...] = ()


class Library:
    def __init__(self, topics: dict[str, Topic]) -> None:
        self.topics = topics
        self._by_name = {name: t for t in topics.values() for name in t.names}

    @classmethod
    def load(cls, directory: Path = TOPICS_DIR) -> Library:
        return cls(load_all(directory))

    def problems(self) -> list[str]:
        return check_all(self.topics, faq_keys())

    def __getitem__(self, slug: str) -> Topic:
        return self.topics[slug]

    def __contains__(self, slug: object) -> bool:
        return slug in self.topics

    def by_group(self) -> dict[str, list[Topic]]:
        """Topics under each group heading, in the groups' order."""
        groups: dict[str, list[Topic]] = {heading: [] for heading in GROUPS.values()}
        for topic in self.topics.values():
            groups[GROUPS[topic.group]].append(topic)
        return {heading: topics for heading, topics in groups.items() if topics}

    def find(self, query: str) -> Found:
        """A topic by any of its names (case and punctuation ignored), or by a
        name within a typo or two when one name is clearly closest."""
        folded = fold(query)
        if not folded:
            return Found(None, "none")
        exact = self._by_name.get(folded) or self._by_name.get(folded.replace(" ", ""))
        if exact is not None:
            return Found(exact, "name", 1.0)
        best: dict[str, float] = {}
        matcher = difflib.SequenceMatcher(b=folded)
        for name, topic in self._by_name.items():
            matcher.set_seq1(name)
            if (
                matcher.real_quick_ratio() < SUGGEST_CUTOFF
                or matcher.quick_ratio() < SUGGEST_CUTOFF
            ):
                continue
            ratio = matcher.ratio()
            if ratio >= SUGGEST_CUTOFF and ratio > best.get(topic.slug, 0.0):
                best[topic.slug] = ratio
        ranked = sorted(best.items(), key=lambda item: -item[1])
        suggestions = tuple(self.topics[slug] for slug, _ in ranked[:3])
        if ranked and ranked[0][1] >= TYPO_CUTOFF:
            runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
            if ranked[0][1] - runner_up >= CLEAR_MARGIN:
                return Found(suggestions[0], "typo", round(ranked[0][1], 3), suggestions[1:])
        return Found(None, "none", 0.0, suggestions)
