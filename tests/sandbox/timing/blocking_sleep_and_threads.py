import asyncio
import datetime
import time


async def main():
    start = time.perf_counter()
    day = datetime.datetime.now()
    time.sleep(0.2)  # noqa: ASYNC251 - blocks the loop on purpose: everything waits
    print(f"after time.sleep: {time.perf_counter() - start:.1f} s")
    await asyncio.gather(asyncio.to_thread(time.sleep, 0.2), asyncio.to_thread(time.sleep, 0.2))
    print(f"two threads sleeping together: {time.perf_counter() - start:.1f} s")
    seconds = (datetime.datetime.now() - day).total_seconds()
    print(f"datetime agrees: {seconds:.1f} s")


asyncio.run(main())
