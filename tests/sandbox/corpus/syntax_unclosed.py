import asyncio


async def prices():
    await asyncio.sleep(0)
    return [1.5, 2.25, 3.0]


values = asyncio.run(prices())
print("total:", sum(values)