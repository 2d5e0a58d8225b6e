import asyncio


async def slow_greeting(name):
    print(f"getting ready to greet {name}...")
    asyncio.sleep(0.1)
    print(f"hello, {name}!")


async def main():
    slow_greeting("Ada")
    await slow_greeting("Grace")
    print("done")


asyncio.run(main())
