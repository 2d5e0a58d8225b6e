import asyncio


async def countdown(n):
    while n > 0:
        await asyncio.sleep(0)
        yield n
        n -= 1


async def pairs():
    for i in range(3):
        yield i, i * i


async def main():
    print([x async for x in countdown(3)])
    async for a, b in pairs():
        print(a, "->", b)
    it = aiter(countdown(2))
    print(await anext(it), await anext(it))
    print(await anext(it, "empty"))
    squares = {k: v async for k, v in pairs() if k}
    print(squares)


asyncio.run(main())
