# expect: blocked
# aim: main() returns at once, leaving an async generator suspended; asyncio.run's shutdown_asyncgens() closes it, and its `finally` awaits for 30 s more before printing (a timeout that only guards main() misses the shutdown phase)
# marker: SURVIVED-173-5ad3
# family: resource exhaustion (wall clock, async generator finalizer)
import asyncio
import time

MARK = "-".join(["SURVIVED", "173", "5ad3"])
START = time.monotonic()


async def ticker():
    try:
        while True:
            yield 1
            await asyncio.sleep(1)
    finally:
        end = time.monotonic() + 30
        while time.monotonic() < end:
            try:
                await asyncio.sleep(0.5)
            except BaseException:
                pass
        print(MARK, "finalizer still running", round(time.monotonic() - START), "s after start")


async def main():
    gen = ticker()
    holder.append(gen)
    await gen.asend(None)
    print("main returns now")


holder = []
asyncio.run(main())
