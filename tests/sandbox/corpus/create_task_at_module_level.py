import asyncio


async def tick():
    await asyncio.sleep(0.01)
    print("tick")


task = asyncio.create_task(tick())
asyncio.run(task)
