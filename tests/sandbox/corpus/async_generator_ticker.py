import asyncio


async def countdown(n):
    try:
        while n > 0:
            await asyncio.sleep(0.01)
            yield n
            n -= 1
        yield "liftoff!"
    finally:
        print(f"  (countdown closed at {n})")


async def echo():
    received = None
    while True:
        received = yield f"echo: {received}"


async def main():
    async for value in countdown(3):
        print(value)

    ticks = countdown(10)
    async for value in ticks:
        if value == 8:
            break
    print("broke out of the loop; closing explicitly")
    await ticks.aclose()

    talk = echo()
    print(await talk.asend(None))
    print(await talk.asend("hi"))
    print(await anext(talk))
    await talk.aclose()
    print(type(talk).__name__, countdown.__name__)

    forgotten = countdown(5)
    print("first of the forgotten one:", await anext(forgotten))
    print("main ends; asyncio.run finalises the forgotten generator")


asyncio.run(main())
print("after asyncio.run")
