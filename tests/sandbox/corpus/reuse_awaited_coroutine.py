import asyncio


async def get_config():
    await asyncio.sleep(0)
    return {"debug": True}


async def main():
    config = get_config()
    first = await config
    print("first:", first)
    second = await config
    print("second:", second)


asyncio.run(main())
