"""The FAQ store: per-guild FAQs over SQLite, with history, search and a lookup log.

async with FaqStore(db_path) as faqs:
    result = await faqs.lookup(guild_id, "blocking calls", Who(user_id, channel_id))
"""

from bot.faq.lookuplog import LookupLog
from bot.faq.models import (
    Entry,
    EntryData,
    ImportPlan,
    Info,
    LookupRecord,
    LookupResult,
    MissGroup,
    Page,
    Revision,
    Stats,
    Summary,
    Who,
)
from bot.faq.store import FaqStore

__all__ = [
    "Entry",
    "EntryData",
    "FaqStore",
    "ImportPlan",
    "Info",
    "LookupLog",
    "LookupRecord",
    "LookupResult",
    "MissGroup",
    "Page",
    "Revision",
    "Stats",
    "Summary",
    "Who",
]
