import asyncio


async def main():
    print("sleeping for a moment")
    await asyncio.slep(0.1)
    print("awake")


asyncio.run(main())