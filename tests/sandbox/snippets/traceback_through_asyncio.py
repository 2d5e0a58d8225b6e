import asyncio


async def inner():
    await asyncio.sleep(0)
    return {"a": 1}["b"]


async def main():
    print("starting")
    await inner()


asyncio.run(main())
