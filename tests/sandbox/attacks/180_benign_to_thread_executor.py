# expect: ok
# output: to_thread: 49\nrun_in_executor: 64\nkwargs: to_thread\ngathered: [0, 1, 4, 9]\n
import asyncio
import time


def blocking_square(x):
    time.sleep(0.02)
    return x * x


def blocking_join(parts, sep="-"):
    return sep.join(parts)


async def main():
    a = await asyncio.to_thread(blocking_square, 7)
    loop = asyncio.get_running_loop()
    b = await loop.run_in_executor(None, blocking_square, 8)
    c = await asyncio.to_thread(blocking_join, ["to", "thread"], sep="_")
    results = await asyncio.gather(*[asyncio.to_thread(blocking_square, i) for i in range(4)])
    print("to_thread:", a)
    print("run_in_executor:", b)
    print("kwargs:", c)
    print("gathered:", results)


asyncio.run(main())
