import asyncio


async def read_config():
    await asyncio.sleep(0)
    return {"token": ""}


config = asyncio.run(read_config())
print("config loaded")
if not config["token"]:
    raise SystemExit("fatal: no token configured; set one and try again")
print("never printed")
