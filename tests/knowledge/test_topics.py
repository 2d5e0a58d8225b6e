"""Every topic file is well formed, and every demo prints its expected output:
under plain Python and in the real sandbox (on virtual time), on every
supported Python installed here. So no topic can rot, and none teaches a quirk
of the sandbox."""

from __future__ import annotations

import asyncio
import os
from concurrent.futures import ThreadPoolExecutor

import pytest

from bot.knowledge import demos, diagnostics
from bot.knowledge.library import Library, faq_keys
from bot.knowledge.topics import GROUPS, MAX_PROSE, TopicError, check_all, parse
from bot.sandbox import Limits, Sandbox, interpreters

LIBRARY = Library.load()
TOPICS = list(LIBRARY.topics.values())
VERSIONS = interpreters.available()
# Plain runs measure real time: too many at once on a small machine and a
# demo's rounded times drift, so they run a few at a time.
PLAIN_AT_ONCE = max(2, min(6, os.cpu_count() or 2))


def test_the_library_has_every_group_and_no_problems():
    assert len(TOPICS) >= 34
    assert {t.group for t in TOPICS} == set(GROUPS)
    assert check_all(LIBRARY.topics, faq_keys()) == []
    assert all(len(t.explanation) <= MAX_PROSE for t in TOPICS)


def test_a_topic_name_shared_with_an_faq_is_a_problem():
    topic = LIBRARY["gather"]
    assert any("also faq:x's" in p for p in check_all({"gather": topic}, {"gather": "faq:x"}))


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("no front matter", "must start with"),
        ("---\ntitle: [unclosed\n---\nbody", "not valid YAML"),
        ("---\ntitle: T\ngroup: running\nsummary: S\ncolour: red\n---\nx", "unknown front matter"),
        ("---\ntitle: T\ngroup: running\nsummary: S\n---\nprose only", "no '## Demo'"),
        ("---\ntitle: T\ngroup: running\nsummary: S\n---\nx\n## Demo\nno fence", "one ``` code"),
    ],
)
def test_a_malformed_topic_file_is_refused_with_its_name(text, complaint):
    with pytest.raises(TopicError, match=complaint) as caught:
        parse(text, "broken")
    assert "broken" in str(caught.value)


def test_every_hint_names_a_topic_and_every_error_demo_is_recognised():
    assert diagnostics.topics_named() <= set(LIBRARY.topics)
    for topic in (t for t in TOPICS if t.group == "errors"):
        from bot.sandbox import Result

        hints = diagnostics.diagnose(Result(status="ok", output=topic.expected("3.11")))
        assert topic.slug in [h["topic"] for h in hints], topic.slug


@pytest.fixture(scope="module")
def plain_outputs():
    jobs = [(t, v, path) for t in TOPICS for v, path in VERSIONS.items()]
    with ThreadPoolExecutor(PLAIN_AT_ONCE) as pool:
        runs = {(t.slug, v): pool.submit(demos.run_plain, t.demo, path) for t, v, path in jobs}
        return {key: run.result() for key, run in runs.items()}


@pytest.fixture(scope="module")
def sandbox_results():
    async def main():
        limits = Limits(concurrency=2, queue_bound=len(TOPICS) * len(VERSIONS))
        async with Sandbox(limits, accept_weak_isolation=True) as sandbox:
            jobs = [(t, v) for t in TOPICS for v in VERSIONS]
            results = await asyncio.gather(
                *(sandbox.run(t.demo, timeout=10, python=v, fast=True) for t, v in jobs)
            )
        return {(t.slug, v): r for (t, v), r in zip(jobs, results, strict=True)}

    return asyncio.run(main())


@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: t.slug)
def test_the_demo_prints_its_expected_output_under_plain_python(topic, plain_outputs):
    for version in VERSIONS:
        assert plain_outputs[topic.slug, version] == topic.expected(version), version


@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: t.slug)
def test_the_demo_prints_its_expected_output_in_the_sandbox(topic, sandbox_results):
    for version in VERSIONS:
        result = sandbox_results[topic.slug, version]
        assert result.status in ("ok", "error"), (version, result)
        assert result.virtual_time
        assert result.output == topic.expected(version), version
