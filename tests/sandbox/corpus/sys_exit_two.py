import asyncio
import sys

REQUIRED = ["host", "port"]


async def load_settings():
    await asyncio.sleep(0)
    return {"host": "localhost"}


settings = asyncio.run(load_settings())
missing = [key for key in REQUIRED if key not in settings]
if missing:
    print("missing settings:", ", ".join(missing), file=sys.stderr)
    sys.exit(2)
print("all settings present")
