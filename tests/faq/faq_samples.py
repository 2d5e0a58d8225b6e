"""Sample entries and ids shared by the FAQ tests."""

from bot.faq import Who

BLOCKING = """---
name: blocking-calls
title: Why does my bot freeze / "heartbeat blocked"?
aliases: [heartbeat-blocked, time-sleep]
---
Calling `time.sleep()` or `requests.get()` inside a coroutine blocks the event loop.
Use `await asyncio.sleep()` or run the call with `asyncio.to_thread()`.
"""

GATHER = """---
name: gather
title: Running coroutines concurrently
aliases: [concurrently]
---
`asyncio.gather(a(), b())` runs both coroutines at the same time and waits for both.
"""

GUILD = 1001
OTHER = 2002
MOD = 42
ALICE = Who(user_id=7, channel_id=99)
