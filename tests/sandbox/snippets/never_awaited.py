import asyncio


async def fetch(n):
    await asyncio.sleep(0)
    return n * 2


async def main():
    fetch(1)
    value = await fetch(2)
    print("value:", value)


asyncio.run(main())
