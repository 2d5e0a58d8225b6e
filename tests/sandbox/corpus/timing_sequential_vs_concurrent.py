import asyncio
import time


async def announce(delay, message):
    await asyncio.sleep(delay)
    print(message)


async def one_after_another():
    await announce(0.1, "kettle boiled")
    await announce(0.2, "toast popped")


async def side_by_side():
    kettle = asyncio.create_task(announce(0.1, "kettle boiled"))
    toast = asyncio.create_task(announce(0.2, "toast popped"))
    await kettle
    await toast


async def main():
    for label, breakfast in [("one after another", one_after_another), ("side by side", side_by_side)]:
        print(f"--- {label} ---")
        started = time.perf_counter()
        await breakfast()
        elapsed = time.perf_counter() - started
        print(f"breakfast ready after {elapsed:.1f} seconds")


asyncio.run(main())
