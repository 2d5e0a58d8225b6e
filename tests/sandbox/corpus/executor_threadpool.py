import asyncio
import concurrent.futures
import functools
import math


def count_primes(limit):
    return sum(1 for n in range(2, limit) if all(n % d for d in range(2, math.isqrt(n) + 1)))


def greet(name, *, punctuation="."):
    return f"Hello, {name}{punctuation}"


async def main():
    loop = asyncio.get_running_loop()
    limits = [100, 1000, 5000]
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        futures = [loop.run_in_executor(pool, count_primes, limit) for limit in limits]
        print("run_in_executor gives an", type(futures[0]).__name__)
        counts = await asyncio.gather(*futures)
        greeting = await loop.run_in_executor(pool, functools.partial(greet, "pool", punctuation="!"))
    for limit, count in zip(limits, counts):
        print(f"primes below {limit}: {count}")
    print(greeting)

    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        plain = pool.submit(pow, 2, 10)
        print("submit gives a concurrent Future:", isinstance(plain, concurrent.futures.Future))
        print("its result:", plain.result())
        wrapped = asyncio.wrap_future(pool.submit(sum, [1, 2, 3]))
        print("wrapped for asyncio:", await wrapped)

    print("default executor:", await loop.run_in_executor(None, math.factorial, 10))


asyncio.run(main())
