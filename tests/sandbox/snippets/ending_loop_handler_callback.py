import asyncio


def broken():
    raise KeyError("missing")


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(broken)
    await asyncio.sleep(0.01)
    print("main goes on")


asyncio.run(main())
