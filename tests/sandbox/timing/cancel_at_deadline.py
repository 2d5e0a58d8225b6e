import asyncio
import time


async def worker(log):
    try:
        while True:
            await asyncio.sleep(0.1)
            log.append(round(asyncio.get_running_loop().time() - START, 1))
    except asyncio.CancelledError:
        print("worker cancelled after", len(log), "ticks")
        raise


async def main():
    global START
    START = asyncio.get_running_loop().time()
    log = []
    task = asyncio.create_task(worker(log))
    asyncio.get_running_loop().call_later(0.35, task.cancel)
    try:
        await task
    except asyncio.CancelledError:
        print("ticks at", log)
    print(f"total {time.perf_counter() - PERF:.1f} s")


PERF = time.perf_counter()
START = 0.0
asyncio.run(main())
