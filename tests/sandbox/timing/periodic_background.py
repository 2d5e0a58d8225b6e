import asyncio
import time


async def heartbeat(beats):
    while True:
        beats.append(round(time.monotonic() - START, 1))
        await asyncio.sleep(0.1)


async def main():
    beats = []
    task = asyncio.create_task(heartbeat(beats))
    await asyncio.sleep(0.45)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    print("beats at", beats)


START = time.monotonic()
asyncio.run(main())
