import asyncio
import functools
import time


def blocking(label, delay=0.01):
    time.sleep(delay)
    return f"{label} finished"


async def main():
    loop = asyncio.get_running_loop()
    first = await asyncio.to_thread(blocking, "to_thread")
    second = await loop.run_in_executor(None, functools.partial(blocking, "executor", delay=0.02))
    both = await asyncio.gather(asyncio.to_thread(blocking, "a"), asyncio.to_thread(blocking, "b"))
    print(first)
    print(second)
    print(both)


asyncio.run(main())
