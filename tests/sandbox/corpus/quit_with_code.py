import asyncio


async def main():
    try:
        print("step 1")
        await asyncio.sleep(0.01)
        print("step 2 decides to stop")
        quit(3)
    finally:
        print("finally blocks still run")


asyncio.run(main())
print("unreachable")
