import asyncio


async def get_number():
    await asyncio.sleep(0.01)
    return 7


print("about to await at the top level")
number = await get_number()