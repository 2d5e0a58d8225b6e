"""Plain result objects the store hands to cogs; no SQL or Discord types."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Literal

GLOBAL = 0  # guild_id of the shipped defaults

MatchKind = Literal["exact", "alias", "search", "fuzzy", "miss"]
Command = Literal["faq", "ask", "explain"]


@dataclass(frozen=True, slots=True)
class Who:
    """Who asked, and where."""

    user_id: int
    channel_id: int = 0


@dataclass(frozen=True, slots=True)
class EntryData:
    """An entry as written by a person: seed files, imports, exports."""

    name: str
    content: str
    title: str = ""
    aliases: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()  # how people ask for it: searched, never shown


@dataclass(frozen=True, slots=True)
class Entry:
    id: int
    guild_id: int
    name: str
    title: str
    content: str
    aliases: tuple[str, ...]
    author_id: int
    created_at: float
    updated_at: float
    updated_by: int
    revision: int
    deleted: bool = False

    @property
    def is_default(self) -> bool:
        return self.guild_id == GLOBAL

    def data(self) -> EntryData:
        return EntryData(self.name, self.content, self.title, self.aliases)


@dataclass(frozen=True, slots=True)
class Summary:
    """One line of a listing or a search result."""

    name: str
    title: str
    is_default: bool
    score: float = 0.0


@dataclass(frozen=True, slots=True)
class Page:
    items: list[Summary]
    page: int  # 1-based, clamped into range
    pages: int
    total: int


@dataclass(frozen=True, slots=True)
class LookupResult:
    kind: MatchKind
    query: str  # normalised
    entry: Entry | None = None
    score: float = 0.0
    suggestions: tuple[str, ...] = ()
    elapsed_ms: float = 0.0


@dataclass(frozen=True, slots=True)
class Revision:
    revision: int
    action: str  # create, edit, rename, alias, delete, restore, revert
    name: str
    title: str
    content: str
    aliases: tuple[str, ...]
    author_id: int
    reason: str | None
    created_at: float
    guild_id: int


@dataclass(frozen=True, slots=True)
class Info:
    entry: Entry
    uses: int  # hits in this guild's lookup log
    created_by: int
    last_edited_by: int
    last_edited_at: float


@dataclass(frozen=True, slots=True)
class ImportPlan:
    created: list[str]
    changed: list[str]
    unchanged: list[str]
    applied: bool


@dataclass(frozen=True, slots=True)
class Stats:
    days: int
    lookups: int
    hits: int
    hit_rate: float  # 0..1; 0 when there were no lookups
    by_command: dict[str, int]
    top_entries: list[tuple[str, int]]
    top_queries: list[tuple[str, int]]


@dataclass(frozen=True, slots=True)
class MissGroup:
    """Unanswered queries that say roughly the same thing."""

    example: str  # the most frequent wording
    count: int
    last_seen: float
    queries: list[str]


@dataclass(slots=True)
class LookupRecord:
    """One row of the lookup log; used by !faq, !ask and !explain alike."""

    guild_id: int
    channel_id: int
    user_id: int
    command: str
    query_raw: str
    query_norm: str
    kind: str
    faq_id: int | None = None
    matched: str | None = None  # FAQ name or topic slug
    score: float | None = None
    suggestions: tuple[str, ...] = ()
    elapsed_ms: float = 0.0
    at: float = field(default_factory=time.time)
