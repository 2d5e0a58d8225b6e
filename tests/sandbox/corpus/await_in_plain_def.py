import asyncio


async def fetch(n):
    await asyncio.sleep(0)
    return n


def total(numbers):
    result = 0
    for n in numbers:
        result += await fetch(n)
    return result


print(total([1, 2, 3]))
