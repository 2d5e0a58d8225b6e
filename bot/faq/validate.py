"""Limits and the checks that enforce them, with messages fit for a user."""

from __future__ import annotations

import re
import unicodedata

from bot.errors import InvalidInput

MAX_NAME = 64
MAX_ALIASES = 10
MAX_QUESTIONS = 80  # example questions of an FAQ (searched, never shown)
MAX_CONTENT = 2000
MAX_TITLE = 200
MAX_REASON = 500
MAX_QUERY = 200
MAX_IMPORT_ENTRIES = 500
MAX_IMPORT_BYTES = 1_000_000

# Subcommands of !faq; an FAQ named like one could never be looked up.
RESERVED = frozenset(
    "add edit rename alias remove restore history revert import export "
    "stats misses list search info modrole".split()
)

# ASCII only: keeps look-alike letters (Cyrillic "а" for Latin "a") out of names.
_KEY = re.compile(r"[a-z0-9_-]{1,64}")
# Control characters and lone surrogates (which cannot even be stored as UTF-8).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def clean_text(text: str) -> str:
    """NFKC-normalise and drop control characters (NUL included)."""
    return _CONTROL.sub("", unicodedata.normalize("NFKC", text))


def storable(text: str, limit: int) -> str:
    """Any text cut to size and made safe to store, for logging raw input."""
    return _CONTROL.sub("\ufffd", str(text)[:limit])


def normalise_query(text: str) -> str:
    """The form a query is matched and logged in: folded, spaces as dashes."""
    return "-".join(clean_text(text).casefold().split())


def check_key(raw: str, what: str = "name") -> str:
    """Validate a name or alias and return its canonical (lower-case) form."""
    if not isinstance(raw, str):
        raise InvalidInput(f"The {what} must be text.")
    key = normalise_query(raw)
    if not key:
        raise InvalidInput(f"The {what} is empty.")
    if len(key) > MAX_NAME:
        raise InvalidInput(f"The {what} is too long: at most {MAX_NAME} characters.")
    if not _KEY.fullmatch(key):
        raise InvalidInput(
            f"The {what} `{key[:MAX_NAME]}` may only use letters a-z, digits, `-` and `_`."
        )
    if key in RESERVED:
        raise InvalidInput(f"`{key}` is a subcommand of `faq` and cannot be an FAQ {what}.")
    return key


def check_aliases(raw: list[str] | tuple[str, ...], name: str) -> tuple[str, ...]:
    aliases: list[str] = []
    for item in raw:
        key = check_key(item, "alias")
        if key != name and key not in aliases:
            aliases.append(key)
    if len(aliases) > MAX_ALIASES:
        raise InvalidInput(f"An FAQ can have at most {MAX_ALIASES} aliases.")
    return tuple(aliases)


def check_questions(raw: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Ways people ask for an FAQ: `!ask` learns from them."""
    questions: list[str] = []
    for item in raw:
        if not isinstance(item, str):
            raise InvalidInput("An example question must be text.")
        question = " ".join(_CONTROL.sub("", item).split())
        if len(question) > MAX_QUERY:
            raise InvalidInput(f"An example question is too long: at most {MAX_QUERY} characters.")
        if question and question not in questions:
            questions.append(question)
    if len(questions) > MAX_QUESTIONS:
        raise InvalidInput(f"An FAQ can have at most {MAX_QUESTIONS} example questions.")
    return tuple(questions)


def check_content(raw: str) -> str:
    if not isinstance(raw, str):
        raise InvalidInput("The content must be text.")
    content = _CONTROL.sub("", raw).strip()
    if not content:
        raise InvalidInput("The content is empty.")
    if len(content) > MAX_CONTENT:
        raise InvalidInput(
            f"The content is {len(content)} characters long; the limit is {MAX_CONTENT}."
        )
    return content


def check_title(raw: str | None) -> str:
    if raw is None:
        return ""
    if not isinstance(raw, str):
        raise InvalidInput("The title must be text.")
    title = " ".join(clean_text(raw).split())
    if len(title) > MAX_TITLE:
        raise InvalidInput(f"The title is too long: at most {MAX_TITLE} characters.")
    return title


def check_reason(raw: str | None) -> str | None:
    if raw is None:
        return None
    reason = " ".join(clean_text(str(raw)).split())
    if len(reason) > MAX_REASON:
        raise InvalidInput(f"The reason is too long: at most {MAX_REASON} characters.")
    return reason or None


def check_query(raw: str) -> str:
    if not isinstance(raw, str):
        raise InvalidInput("The query must be text.")
    if len(raw) > MAX_QUERY:
        raise InvalidInput(f"That query is too long: at most {MAX_QUERY} characters.")
    query = normalise_query(raw)
    if not query:
        raise InvalidInput("Tell me what to look up: an FAQ's name, or a few words.")
    return query


def check_id(value: int, what: str) -> int:
    # bool is an int subclass; a stray True must not become guild 1.
    if not isinstance(value, int) or isinstance(value, bool) or value < 0 or value >= 2**63:
        raise InvalidInput(f"Invalid {what}.")
    return value
