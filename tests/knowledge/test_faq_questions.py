"""A server's FAQ is found by the example questions its moderators import
with it, as the shipped FAQs are by theirs; another server never sees it."""

from bot.faq import EntryData, FaqStore
from bot.knowledge.ask import Ranker
from bot.knowledge.library import Library

GUILD, OTHER, MOD = 10, 11, 99
LIBRARY = Library.load()
QUESTIONS = (
    "when does the weekly python quiz start",
    "what time is the quiz on fridays",
    "is there a quiz this week",
    "how do i join the friday quiz",
)


async def test_a_server_faq_is_found_by_its_imported_example_questions(tmp_path):
    async with FaqStore(tmp_path / "ask.db") as store:
        ranker = Ranker(store, LIBRARY)
        await ranker.sync_topics()
        try:
            entry = EntryData("quiz", "Fridays 20:00 UTC in #events.", "Events", (), QUESTIONS)
            await store.import_entries(GUILD, [entry], MOD, dry_run=False)
            ranking = await ranker.rank(GUILD, "what time does the quiz start on friday")
            assert ranking.best is not None and ranking.best.ref == "faq:quiz"
            elsewhere = await ranker.rank(OTHER, "what time does the quiz start on friday")
            assert "faq:quiz" not in [c.ref for c in (elsewhere.best, *elsewhere.others) if c]
        finally:
            ranker.close()
