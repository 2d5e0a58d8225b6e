"""A question the word model takes for an off-topic one gets suggestions, not
an answer: asyncio words in it ("yield", "await", "comprehension") are not
enough to answer a question no topic is for."""

from __future__ import annotations

import pytest

from bot.faq import FaqStore
from bot.knowledge.ask import Ranker, off_topic_examples
from bot.knowledge.library import Library

LIBRARY = Library.load()
# General-Python questions: the kind, not the questions asked below.
GENERAL_PYTHON = [
    "how do list comprehensions work in python",
    "list comprehension with a condition, where does the if go",
    "nested list comprehension to flatten a list of lists",
    "dict comprehension from two lists",
    "set comprehension vs a for loop, which is faster",
    "generator expression vs list comprehension memory",
    "comprehension syntax explained for a beginner",
]


async def _ranking(tmp_path, question: str, off_topic: list[str]):
    async with FaqStore(tmp_path / "ask.db") as store:
        ranker = Ranker(store, LIBRARY, off_topic=off_topic)
        await ranker.sync_topics()
        try:
            return await ranker.rank(1, question)
        finally:
            ranker.close()


async def test_a_question_like_the_off_topic_examples_gets_suggestions_only(tmp_path):
    ranking = await _ranking(tmp_path, "how does a list comprehension work", GENERAL_PYTHON)
    assert ranking.best is None
    assert ranking.others  # topics are still suggested


async def test_a_pasted_error_of_ours_is_answered_even_in_off_topic_words(tmp_path):
    question = (
        "how does a list comprehension work? mine says RuntimeError: asyncio.run() cannot be "
        "called from a running event loop"
    )
    ranking = await _ranking(tmp_path, question, GENERAL_PYTHON)
    assert ranking.best is not None and ranking.best.ref == "nested-run"


@pytest.mark.parametrize(
    "question, slug",
    [
        ("list comprehension but with async for inside?", "async-generators"),
        ("how do i run two coroutines at once", "gather"),
    ],
)
async def test_asyncio_questions_are_still_answered_with_the_shipped_examples(
    tmp_path, question, slug
):
    ranking = await _ranking(tmp_path, question, off_topic_examples())
    assert ranking.best is not None and ranking.best.ref == slug
