import asyncio
import time

HOUR = 3600


async def main():
    start = time.perf_counter()
    await asyncio.sleep(HOUR)
    print(f"slept {time.perf_counter() - start:.2f} s")


asyncio.run(main())
