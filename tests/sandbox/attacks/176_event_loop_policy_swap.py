# expect: blocked
# aim: swaps the global event loop policy so asyncio.run builds the snippet's own loop whose call_at postpones every long timer, defeating in-process timeouts (asyncio.timeout/wait_for, a supervisor's call_later) and lives 30 s inside `async with asyncio.timeout(2)`
# marker: SURVIVED-176-d5a0
# family: asyncio global state tampering (event loop policy)
import asyncio
import time

MARK = "-".join(["SURVIVED", "176", "d5a0"])
BASE = asyncio.SelectorEventLoop


class DeafLoop(BASE):
    def call_at(self, when, callback, *args, context=None):
        if when - self.time() > 1:
            when = self.time() + 86400  # any timer longer than 1 s never fires
        return BASE.call_at(self, when, callback, *args, context=context)


class DeafPolicy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self):
        return DeafLoop()


async def main():
    start = time.monotonic()
    ticks = 0
    async with asyncio.timeout(2):
        while time.monotonic() - start < 30:
            await asyncio.sleep(0.2)
            ticks = ticks + 1
    print(
        MARK,
        "timeout(2) never fired; alive after",
        round(time.monotonic() - start),
        "s,",
        ticks > 0,
    )


asyncio.set_event_loop_policy(DeafPolicy())
asyncio.run(main())
