import asyncio


async def mirror(region, delay):
    await asyncio.sleep(delay)
    return f"{region} answered after {delay}s"


async def main():
    tasks = {
        asyncio.create_task(mirror("eu", 0.05), name="eu"),
        asyncio.create_task(mirror("us", 0.02), name="us"),
        asyncio.create_task(mirror("asia", 0.08), name="asia"),
    }
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    for task in done:
        print("fastest:", task.result())
    print("still running:", sorted(task.get_name() for task in pending))

    for task in pending:
        task.cancel()
    done, pending = await asyncio.wait(pending)
    print("after cancelling:", sorted((t.get_name(), t.cancelled()) for t in done), len(pending))

    quick = [asyncio.create_task(mirror(name, 0.01)) for name in ("left", "right")]
    done, pending = await asyncio.wait(quick, timeout=1)
    print(sorted(task.result() for task in done), pending)

    slow = asyncio.create_task(mirror("mars", 0.3))
    done, pending = await asyncio.wait([slow], timeout=0.02)
    print("with a short timeout:", len(done), "done,", len(pending), "pending")
    slow.cancel()


asyncio.run(main())
