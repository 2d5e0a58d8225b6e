import asyncio
import time


async def slow():
    await asyncio.sleep(1)
    return "finished"


async def main():
    start = time.monotonic()
    try:
        await asyncio.wait_for(slow(), timeout=0.3)
    except TimeoutError:
        print(f"wait_for gave up after {time.monotonic() - start:.1f} s")
    start = time.monotonic()
    try:
        async with asyncio.timeout(0.2):
            await slow()
    except TimeoutError:
        print(f"timeout() gave up after {time.monotonic() - start:.1f} s")
    start = time.monotonic()
    done, pending = await asyncio.wait([asyncio.create_task(slow())], timeout=0.1)
    print(f"wait: {len(done)} done, {len(pending)} pending after {time.monotonic() - start:.1f} s")
    for task in pending:
        task.cancel()


asyncio.run(main())
