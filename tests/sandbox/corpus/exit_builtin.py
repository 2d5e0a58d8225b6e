import asyncio


async def check_configuration():
    await asyncio.sleep(0)
    print("checking configuration...")
    return []


jobs = asyncio.run(check_configuration())
if not jobs:
    print("nothing to do, leaving early")
    exit()
print("this line never runs")
