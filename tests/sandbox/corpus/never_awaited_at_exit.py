import asyncio


async def fetch_profile(user):
    await asyncio.sleep(0.01)
    return {"user": user}


async def fetch_settings(user):
    await asyncio.sleep(0.01)
    raise KeyError("settings")


profile = fetch_profile("sam")


async def main():
    settings = await fetch_settings("sam")
    print(profile, settings)


asyncio.run(main())
