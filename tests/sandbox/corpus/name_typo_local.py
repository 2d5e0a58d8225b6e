import asyncio


async def add_slowly(a, b):
    await asyncio.sleep(0)
    return a + b


async def main():
    result = await add_slowly(2, 3)
    print("half way there")
    return reslt * 10


print("total:", asyncio.run(main()))