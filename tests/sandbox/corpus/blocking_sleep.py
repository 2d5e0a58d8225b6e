import asyncio
import time


async def brew(drink):
    print(f"start {drink}")
    time.sleep(0.1)  # oops: this blocks the whole event loop
    print(f"done  {drink}")


async def brew_properly(drink):
    print(f"start {drink}")
    await asyncio.sleep(0.1)
    print(f"done  {drink}")


async def main():
    for brewer in (brew, brew_properly):
        started = time.perf_counter()
        await asyncio.gather(*(brewer(drink) for drink in ("tea", "coffee", "cocoa")))
        print(f"{brewer.__name__} took {time.perf_counter() - started:.1f} s")
        print()


asyncio.run(main())
