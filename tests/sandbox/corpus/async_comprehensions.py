import asyncio


async def squares(limit):
    for i in range(limit):
        await asyncio.sleep(0)
        yield i * i


async def numbered(source):
    position = 0
    async for item in source:
        yield position, item
        position += 1


async def double(x):
    await asyncio.sleep(0)
    return 2 * x


async def main():
    print("list:", [s async for s in squares(6)])
    print("set: ", {s % 3 async for s in squares(6)})
    print("dict:", {i: s async for i, s in numbered(squares(4))})
    print("odd only:", [s async for s in squares(10) if s % 2])
    print("await inside:", [await double(x) for x in range(4)])
    print("both:", [await double(s) async for s in squares(4)])

    evens = (s async for s in squares(7) if s % 2 == 0)
    print(type(evens).__name__, "->", [e async for e in evens])

    tasks = [asyncio.create_task(double(x)) for x in range(3)]
    print("tasks:", [await t for t in tasks])


asyncio.run(main())
