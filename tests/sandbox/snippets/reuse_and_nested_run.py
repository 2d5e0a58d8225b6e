import asyncio


async def job():
    await asyncio.sleep(0)
    return "done"


async def main():
    coro = job()
    print(await coro)
    try:
        await coro
    except RuntimeError as exc:
        print("RuntimeError:", exc)
    try:
        asyncio.run(job())
    except RuntimeError as exc:
        print("RuntimeError:", exc)


asyncio.run(main())
