# expect: blocked
# aim: main() gives up on a to_thread(time.sleep) after 2 s and returns, but asyncio.run's shutdown waits for the executor thread, which keeps the process alive for 30 s and then prints
# marker: SURVIVED-168-c093
# family: resource exhaustion (wall clock, executor thread outlives main)
import asyncio
import time

MARK = "-".join(["SURVIVED", "168", "c093"])
START = time.monotonic()


def nap():
    time.sleep(30)
    print(MARK, "worker thread still running", round(time.monotonic() - START), "s after start")


async def main():
    try:
        await asyncio.wait_for(asyncio.to_thread(nap), 2)
    except Exception:
        print("main gave up; returning")


asyncio.run(main())
