import asyncio


async def fail(kind, delay):
    await asyncio.sleep(delay)
    raise kind(f"{kind.__name__} after {delay}")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail(ValueError, 0))
            tg.create_task(fail(KeyError, 0.5))
            tg.create_task(asyncio.sleep(1))
    except* ValueError as group:
        print("values:", [str(e) for e in group.exceptions])
    except* KeyError as group:
        print("keys:", len(group.exceptions))
    eg = ExceptionGroup("many", [TypeError("t"), ValueError("v")])
    match, rest = eg.split(TypeError)
    print(match.exceptions, rest.exceptions)
    results = await asyncio.gather(fail(OSError, 0), asyncio.sleep(0, "ok"), return_exceptions=True)
    print([type(r).__name__ for r in results])


asyncio.run(main())
