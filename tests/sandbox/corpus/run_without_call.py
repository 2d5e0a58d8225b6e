import asyncio
import re


async def main():
    print("hello from main")


try:
    asyncio.run(main)
except ValueError as exc:
    # the message shows a memory address that changes on every run
    print("ValueError:", re.sub(r"0x[0-9a-f]+", "0x...", str(exc)))

asyncio.run(main())
