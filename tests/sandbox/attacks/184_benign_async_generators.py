# expect: ok
# output: tick 3\ntick 2\ntick 1\nasync listcomp: [16, 9, 4, 1]\nasync setcomp: [0, 1, 2]\nasync dictcomp: {2: '2', 1: '1'}\nchained: [10, 8, 6, 4, 2]\nfirst then closed: 5\n
import asyncio


async def countdown(n):
    while n > 0:
        await asyncio.sleep(0)
        yield n
        n -= 1


async def evens(source):
    async for x in source:
        if x % 2 == 0:
            yield x


async def main():
    async for n in countdown(3):
        print("tick", n)
    squares = [x * x async for x in countdown(4)]
    print("async listcomp:", squares)
    print("async setcomp:", sorted({x % 3 async for x in countdown(6)}))
    print("async dictcomp:", {x: str(x) async for x in countdown(2)})
    print("chained:", [x async for x in evens(countdown(10))])
    gen = countdown(5)
    first = None
    async for value in gen:
        first = value
        break
    await gen.aclose()
    print("first then closed:", first)


asyncio.run(main())
