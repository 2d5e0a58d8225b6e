import asyncio


async def fails():
    raise RuntimeError("nobody asked")


async def main():
    task = asyncio.create_task(fails())
    await asyncio.sleep(0.01)
    del task
    print("dropped the task")


asyncio.run(main(), debug=True)
