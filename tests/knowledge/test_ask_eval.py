"""How well `!ask` ranks, measured on two sets of questions written blind to
the topic texts: tests/data/ask_eval.tsv (chat, typos, forum titles, pasted
tracebacks, and off-topic ones that must get no confident answer), which the
ranking was developed against, and tests/data/ask_holdout.tsv, written by
someone who saw only ../shared/topics.md and the FAQ files, and used only to
measure.

The target is top-1 >= 90 % and top-3 >= 97 %. The holdout set meets it and
is held to it; ask_eval's floors are what the ranking reaches today (top-3
is short of the target, see docs/knowledge.md). A change that lowers a
figure fails here, with the confusions printed."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from bot.faq import FaqStore
from bot.faq.seed import SEED_DIR, load_dir
from bot.knowledge.ask import Ranker
from bot.knowledge.evaluate import evaluate, load_cases
from bot.knowledge.library import Library

DATA = Path(__file__).resolve().parents[1] / "data"
TARGET = (0.90, 0.97)
FLOORS = {"ask_eval.tsv": (0.92, 0.96), "ask_holdout.tsv": TARGET}  # (top-1, top-3)
CASES = load_cases(DATA / "ask_eval.tsv")
LIBRARY = Library.load()


def test_the_evaluation_set_covers_every_topic_and_faq():
    faqs = {f"faq:{e.name}" for e in load_dir(SEED_DIR)}
    answers = Counter(a for case in CASES for a in case.accepted[:1])
    assert len(CASES) >= 150
    assert all(a in LIBRARY or a in faqs for case in CASES for a in case.accepted)
    assert min(answers[slug] for slug in LIBRARY.topics) >= 4
    assert sum(1 for case in CASES if not case.accepted) >= 10  # off-topic questions


@pytest.fixture
async def ranker(tmp_path):
    async with FaqStore(tmp_path / "eval.db") as store:  # the shipped FAQs take part
        ranker = Ranker(store, LIBRARY)
        await ranker.sync_topics()
        yield ranker
        ranker.close()


@pytest.mark.parametrize("name", sorted(FLOORS))
async def test_ask_ranks_the_right_answer_first(ranker, name):
    report = await evaluate(ranker, load_cases(DATA / name))
    print(name, report.line())
    for question, wanted, got in report.confusions:
        print(f"  wanted {wanted:30} got {got:30} | {question!r}")
    top1, top3 = FLOORS[name]
    assert report.top1 / report.cases >= top1, report.line()
    assert report.top3 / report.cases >= top3, report.line()


def test_the_holdout_set_covers_every_topic_and_faq():
    holdout = load_cases(DATA / "ask_holdout.tsv")
    faqs = {f"faq:{e.name}" for e in load_dir(SEED_DIR)}
    answers = Counter(a for case in holdout for a in case.accepted[:1])
    assert all(a in LIBRARY or a in faqs for case in holdout for a in case.accepted)
    assert min(answers[slug] for slug in LIBRARY.topics) >= 6
    # Written apart; the few lines both hold are bare error messages people paste.
    assert len({q.question for q in holdout} & {q.question for q in CASES}) < 20
