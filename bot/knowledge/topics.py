"""Topics: the files in data/topics/ (format in data/topics/README.md), read and
checked. A topic is an explanation, a demo and the demo's expected output."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot import DATA_DIR
from bot.sandbox.interpreters import SUPPORTED

TOPICS_DIR = DATA_DIR / "topics"
# The groups `!explain` lists, in order, with the heading each is shown under.
GROUPS = {
    "running": "Running coroutines",
    "concurrency": "Concurrency",
    "timeouts": "Timeouts and cancellation",
    "threads": "Threads and blocking",
    "sync": "Synchronisation",
    "errors": "Errors",
    "loop": "The loop",
}
MAX_PROSE = 1200  # characters: one Discord message with room for the demo's link
MAX_SUMMARY = 150
MAX_RELATED = 4
BASE_VERSION = SUPPORTED[0]  # `## Output` is this version's; others only when they differ
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_SECTION = re.compile(r"^## (Demo|Output(?: on (3\.\d+))?)\s*$", re.M)
_FENCE = re.compile(r"\A\s*```[\w-]*\n(.*?)^```\s*\Z", re.S | re.M)


class TopicError(ValueError):
    """A topic file that does not follow the format; the message names the file."""


@dataclass(frozen=True)
class Topic:
    slug: str
    title: str
    group: str
    summary: str
    explanation: str
    demo: str
    outputs: dict[str, str]  # version -> expected output; BASE_VERSION always
    aliases: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()  # how people ask about it: searched, never shown
    path: Path | None = field(default=None, compare=False)

    def expected(self, version: str) -> str:
        """What the demo prints on `version`."""
        return self.outputs.get(version, self.outputs[BASE_VERSION])

    @property
    def names(self) -> tuple[str, ...]:
        """Everything `!explain` accepts for this topic, folded."""
        return tuple(dict.fromkeys(fold(n) for n in (self.slug, self.title, *self.aliases)))


def fold(text: str) -> str:
    """The form names are compared in: case, accents and punctuation ignored."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return " ".join(re.findall(r"[^\W_]+", text))


def parse(text: str, slug: str, path: Path | None = None) -> Topic:
    where = path.name if path else slug
    if not _SLUG.fullmatch(slug):
        raise TopicError(f"{where}: the slug must be lower-case words joined by '-'")
    if not text.startswith("---\n"):
        raise TopicError(f"{where}: must start with a '---' front matter line")
    head, sep, body = text[4:].partition("\n---\n")
    if not sep:
        raise TopicError(f"{where}: the front matter has no closing '---'")
    try:
        meta = yaml.safe_load(head)
    except yaml.YAMLError as exc:
        raise TopicError(f"{where}: front matter is not valid YAML: {exc}") from None
    if not isinstance(meta, dict):
        raise TopicError(f"{where}: front matter must be `key: value` lines")
    unknown = set(meta) - {"title", "group", "summary", "aliases", "related", "errors", "questions"}
    if unknown:
        raise TopicError(f"{where}: unknown front matter keys {sorted(unknown)}")
    parts = _SECTION.split(body)
    explanation, sections = parts[0].strip(), {}
    for name, version, content in zip(parts[1::3], parts[2::3], parts[3::3], strict=True):
        key = "demo" if name == "Demo" else (version or BASE_VERSION)
        if key in sections:
            raise TopicError(f"{where}: '## {name}' appears twice")
        fence = _FENCE.match(content.strip("\n") + "\n")
        if fence is None:
            raise TopicError(f"{where}: '## {name}' must hold one ``` code block")
        sections[key] = fence.group(1)
    if "demo" not in sections:
        raise TopicError(f"{where}: no '## Demo' section")
    demo = sections.pop("demo")
    for version in sections:
        if version not in SUPPORTED:
            raise TopicError(f"{where}: '## Output on {version}': not a supported Python")
    sections.setdefault(BASE_VERSION, "")
    return Topic(
        slug=slug,
        title=_text(meta, "title", where),
        group=_text(meta, "group", where),
        summary=_text(meta, "summary", where),
        explanation=explanation,
        demo=demo,
        outputs=sections,
        aliases=_texts(meta, "aliases", where),
        related=_texts(meta, "related", where),
        errors=_texts(meta, "errors", where),
        questions=_texts(meta, "questions", where),
        path=path,
    )


def _text(meta: dict, key: str, where: str) -> str:
    value = meta.get(key)
    if not isinstance(value, str) or not value.strip():
        raise TopicError(f"{where}: '{key}' must be a line of text")
    return value.strip()


def _texts(meta: dict, key: str, where: str) -> tuple[str, ...]:
    value = meta.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise TopicError(f"{where}: '{key}' must be a list of text")
    return tuple(v.strip() for v in value)


def problems(topic: Topic) -> list[str]:
    """What is wrong with one topic on its own (the set is checked by `check_all`)."""
    found = []
    if topic.group not in GROUPS:
        found.append(f"group {topic.group!r} is not one of {', '.join(GROUPS)}")
    if len(topic.summary) > MAX_SUMMARY:
        found.append(f"the summary has {len(topic.summary)} characters (at most {MAX_SUMMARY})")
    if len(topic.explanation) > MAX_PROSE:
        found.append(
            f"the explanation has {len(topic.explanation)} characters (at most {MAX_PROSE})"
        )
    if not topic.explanation:
        found.append("there is no explanation")
    if len(topic.related) > MAX_RELATED:
        found.append(f"{len(topic.related)} related topics (at most {MAX_RELATED})")
    if topic.slug in topic.related:
        found.append("the topic lists itself as related")
    if not topic.demo.strip():
        found.append("the demo is empty")
    if not topic.outputs[BASE_VERSION]:
        found.append("no expected output: run `python -m bot.knowledge outputs`")
    return found


def check_all(topics: dict[str, Topic], other_keys: dict[str, str] | None = None) -> list[str]:
    """Problems of the whole set: each topic's, unknown related slugs, names that
    two topics (or a topic and an FAQ, in `other_keys`: folded key -> owner) share."""
    found = [f"{t.slug}: {p}" for t in topics.values() for p in problems(t)]
    owners: dict[str, str] = dict(other_keys or {})
    for topic in topics.values():
        found += [
            f"{topic.slug}: related {r!r} is not a topic" for r in topic.related if r not in topics
        ]
        for name in topic.names:
            owner = owners.setdefault(name, topic.slug)
            if owner != topic.slug:
                found.append(f"{topic.slug}: the name {name!r} is also {owner}'s")
    return found


def load(path: Path) -> Topic:
    return parse(path.read_text(encoding="utf-8"), path.stem, path)


def load_all(directory: Path = TOPICS_DIR) -> dict[str, Topic]:
    """Every topic, by slug, in file-name order; TopicError on the first bad file."""
    return {p.stem: load(p) for p in sorted(directory.glob("*.md")) if p.name != "README.md"}
