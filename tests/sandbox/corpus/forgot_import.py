import asyncio


async def main():
    started = time.perf_counter()
    await asyncio.sleep(0.01)
    print(f"took {time.perf_counter() - started:.1f} s")


asyncio.run(main())
