import asyncio


async def flaky_upload(name):
    await asyncio.sleep(0.01)
    raise ConnectionError(f"upload of {name} failed halfway")


async def main():
    asyncio.create_task(flaky_upload("holiday.mov"))  # fire and forget
    await asyncio.sleep(0.05)
    print("main is done")


asyncio.run(main())
print("after asyncio.run")
