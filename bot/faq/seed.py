"""The FAQ file formats: markdown with front matter, and a JSON list.

Markdown (data/faq/*.md, imports and exports)::

    ---
    name: blocking-calls
    title: Why does my bot freeze?
    aliases: [heartbeat-blocked, time-sleep]
    ---
    Body in Discord markdown.

Only `key: value` and `key: [a, b]` are understood; that is all the seed
files use, and it avoids a YAML dependency.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from bot import DATA_DIR
from bot.errors import InvalidInput
from bot.faq import validate
from bot.faq.models import EntryData

log = logging.getLogger(__name__)

SEED_DIR = DATA_DIR / "faq"
_KEYS = {"name", "title", "aliases", "questions"}


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def _parse_value(value: str) -> str | list[str]:
    value = value.strip()
    if value.startswith("[") and value.endswith("]"):
        inner = value[1:-1].strip()
        return [_unquote(v) for v in inner.split(",") if v.strip()] if inner else []
    return _unquote(value)


def parse_markdown(text: str, source: str = "the file") -> EntryData:
    """Parse one entry; raise InvalidInput naming the source on any problem."""
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").split("\n")
    if not lines or lines[0].strip() != "---":
        raise InvalidInput(f"{source}: must start with a `---` front matter line.")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise InvalidInput(f"{source}: the front matter has no closing `---`.") from None
    meta: dict[str, str | list[str]] = {}
    key = ""
    for line in lines[1:end]:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = line.strip()
        if item.startswith("- ") and line[0].isspace() and isinstance(meta.get(key), list):
            meta[key].append(_unquote(item[2:]))  # a list written one item per line
            continue
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if not sep or key not in _KEYS:
            raise InvalidInput(f"{source}: unexpected front matter line `{line[:80]}`.")
        meta[key] = [] if key == "questions" and not value.strip() else _parse_value(value)
    name, title = meta.get("name"), meta.get("title", "")
    aliases, questions = meta.get("aliases", []), meta.get("questions", [])
    if not isinstance(name, str) or not name:
        raise InvalidInput(f"{source}: the front matter needs a `name`.")
    if isinstance(title, list) or isinstance(aliases, str) or isinstance(questions, str):
        raise InvalidInput(f"{source}: `title` is text; `aliases` is a [list], `questions` a list.")
    content = "\n".join(lines[end + 1 :])
    return checked(EntryData(name, content, title, tuple(aliases), tuple(questions)), source)


def checked(data: EntryData, source: str | None = None) -> EntryData:
    """Apply every limit; errors name the source so a long import is fixable."""
    try:
        name = validate.check_key(data.name)
        return EntryData(
            name=name,
            content=validate.check_content(data.content),
            title=validate.check_title(data.title),
            aliases=validate.check_aliases(list(data.aliases), name),
            questions=validate.check_questions(data.questions),
        )
    except InvalidInput as exc:
        if source is None:
            raise
        raise InvalidInput(f"{source}: {exc.message}") from None


def render_markdown(data: EntryData) -> str:
    lines = ["---", f"name: {data.name}"]
    if data.title:
        lines.append(f"title: {_quoted(data.title)}")
    if data.aliases:
        lines.append(f"aliases: [{', '.join(data.aliases)}]")
    if data.questions:
        lines.append("questions:")
        lines += [f"  - {_quoted(question)}" for question in data.questions]
    lines += ["---", data.content, ""]
    return "\n".join(lines)


def _quoted(text: str) -> str:
    """`text` as a front matter value: parse strips one pair of outer quotes."""
    return f'"{text}"' if text[0] in "'\"" or text[-1] in "'\"" else text


def parse_json(text: str) -> list[EntryData]:
    if len(text.encode("utf-8", "replace")) > validate.MAX_IMPORT_BYTES:
        raise InvalidInput("That import is too large.")
    try:
        items = json.loads(text)
    except (ValueError, RecursionError):
        raise InvalidInput("That is not valid JSON.") from None
    if not isinstance(items, list):
        raise InvalidInput("The JSON must be a list of entries.")
    out = []
    for i, item in enumerate(items, 1):
        source = f"entry {i}"
        if not isinstance(item, dict):
            raise InvalidInput(f"{source}: must be an object with name and content.")
        aliases = item.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise InvalidInput(f"{source}: `aliases` must be a list of names.")
        questions = item.get("questions", [])
        if not isinstance(questions, list) or not all(isinstance(q, str) for q in questions):
            raise InvalidInput(f"{source}: `questions` must be a list of questions.")
        title = item.get("title") or ""
        data = EntryData(
            item.get("name"), item.get("content"), title, tuple(aliases), tuple(questions)
        )
        out.append(checked(data, source))
    return out


def render_json(entries: list[EntryData]) -> str:
    items = [
        {
            "name": e.name,
            "title": e.title,
            "aliases": list(e.aliases),
            **({"questions": list(e.questions)} if e.questions else {}),
            "content": e.content,
        }
        for e in entries
    ]
    return json.dumps(items, ensure_ascii=False, indent=2)


def load_dir(directory: Path = SEED_DIR) -> list[EntryData]:
    """Read seed files; a broken file is logged and skipped, not fatal."""
    entries, seen = [], set()
    for path in sorted(directory.glob("*.md")) if directory.is_dir() else []:
        try:
            data = parse_markdown(path.read_text(encoding="utf-8"), path.name)
        except (InvalidInput, UnicodeDecodeError) as exc:
            log.warning("skipping FAQ seed %s: %s", path, getattr(exc, "message", exc))
            continue
        if data.name in seen:
            log.warning("skipping FAQ seed %s: duplicate name %s", path, data.name)
            continue
        seen.add(data.name)
        entries.append(data)
    return entries
