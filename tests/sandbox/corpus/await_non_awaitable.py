import asyncio
import time


async def main():
    print("waiting a moment...")
    await time.sleep(0.01)
    print("done")


asyncio.run(main())
