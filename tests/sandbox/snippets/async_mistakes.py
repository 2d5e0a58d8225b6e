import asyncio


async def numbers():
    yield 1


async def main():
    try:
        async for x in [1, 2]:
            print(x)
    except TypeError as exc:
        print("TypeError:", exc)
    try:
        for x in numbers():
            print(x)
    except TypeError as exc:
        print("TypeError:", exc)
    try:
        await None
    except TypeError as exc:
        print("TypeError:", exc)
    try:
        async with asyncio.Lock() as (a, b):
            pass
    except TypeError as exc:
        print("TypeError:", exc)
    try:
        with asyncio.Lock():
            pass
    except (TypeError, AttributeError) as exc:
        print(type(exc).__name__ + ":", exc)
    print(await anext(aiter(numbers())))


asyncio.run(main())


def nothing():
    return None


pairs = [(1, 2), (3, 4)]
for left, right in pairs:
    print(left + right)
(a, (b, c)), d = (1, (2, 3)), 4
print(a, b, c, d)
try:
    x, y = nothing()
except TypeError as exc:
    print("TypeError:", exc)
try:
    x, y = [1, 2, 3]
except ValueError as exc:
    print("ValueError:", exc)
first, *rest = "abc"
print(first, rest)
x, y = 5
