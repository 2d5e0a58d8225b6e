"""How well `!ask` ranks: questions with the answers a person would accept.

The file is tab-separated, `question<TAB>expected`, where expected is a topic
slug, `faq:<name>`, several of those joined by `|` (any is right), or `none`
(no confident answer is right). `\\n` in a question stands for a line break
(pasted tracebacks). Used by the test suite and bench/knowledge.py.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from bot.knowledge.ask import Ranker, Ranking

NONE = "none"


@dataclass(frozen=True)
class Case:
    question: str
    accepted: tuple[str, ...]  # () for `none`


@dataclass
class Report:
    cases: int = 0
    top1: int = 0
    top3: int = 0
    times_ms: list[float] = field(default_factory=list)
    confusions: list[tuple[str, str, str]] = field(default_factory=list)  # question, wanted, got

    def line(self) -> str:
        return (
            f"top-1 {self.top1}/{self.cases} = {self.top1 / self.cases:.1%}, "
            f"top-3 {self.top3}/{self.cases} = {self.top3 / self.cases:.1%}"
        )


def load_cases(path: Path) -> list[Case]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    cases = []
    for question, expected in rows[1:]:
        accepted = () if expected == NONE else tuple(expected.split("|"))
        cases.append(Case(question.replace("\\n", "\n"), accepted))
    return cases


def judge(case: Case, ranking: Ranking) -> tuple[bool, bool]:
    """(right at the top, right within the first three) for one ranking."""
    if not case.accepted:  # nothing should be given as the answer
        return ranking.best is None, ranking.best is None
    shown = ([ranking.best] if ranking.best else []) + list(ranking.others)
    refs = [c.ref for c in shown]
    first = ranking.best is not None and ranking.best.ref in case.accepted
    return first, any(r in case.accepted for r in refs[:3])


async def evaluate(ranker: Ranker, cases: list[Case], guild_id: int = 1) -> Report:
    report = Report()
    for case in cases:
        ranking = await ranker.rank(guild_id, case.question)
        first, within = judge(case, ranking)
        report.cases += 1
        report.top1 += first
        report.top3 += within
        report.times_ms.append(ranking.elapsed_ms)
        if not first:
            got = ranking.best.ref if ranking.best else f"(miss: {[c.ref for c in ranking.others]})"
            report.confusions.append((case.question[:120], "|".join(case.accepted) or NONE, got))
    return report
