import asyncio


async def runner(name, start_gun):
    print(f"{name} is ready")
    await start_gun.wait()
    print(f"{name} is running")


async def main():
    start_gun = asyncio.Event()
    runners = [asyncio.create_task(runner(name, start_gun)) for name in ("Ana", "Ben", "Chloe")]
    await asyncio.sleep(0.02)
    print("event set?", start_gun.is_set())
    print("BANG!")
    start_gun.set()
    await asyncio.gather(*runners)
    print("event set?", start_gun.is_set())

    start_gun.clear()
    print("after clear():", start_gun.is_set())
    try:
        async with asyncio.timeout(0.02):
            await start_gun.wait()
    except TimeoutError:
        print("nobody fired the gun this time")


asyncio.run(main())
