import asyncio
import time


async def fetch(name, seconds):
    await asyncio.sleep(seconds)
    return name


async def main():
    start = time.perf_counter()
    for name in ("a", "b", "c"):
        await fetch(name, 0.2)
    print(f"one after another: {time.perf_counter() - start:.1f} s")
    start = time.perf_counter()
    names = await asyncio.gather(*(fetch(n, 0.2) for n in ("a", "b", "c")))
    print(f"together: {time.perf_counter() - start:.1f} s", names)


asyncio.run(main())
