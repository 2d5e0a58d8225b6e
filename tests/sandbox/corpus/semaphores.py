import asyncio


async def download(n, gate, stats):
    async with gate:
        stats["active"] += 1
        stats["peak"] = max(stats["peak"], stats["active"])
        print(f"download {n} starts ({stats['active']} active)")
        await asyncio.sleep(0.02)
        stats["active"] -= 1


async def main():
    gate = asyncio.Semaphore(2)
    stats = {"active": 0, "peak": 0}
    await asyncio.gather(*(download(n, gate, stats) for n in range(5)))
    print("never more than", stats["peak"], "at once")
    print("semaphore free again:", not gate.locked())

    plain = asyncio.Semaphore(1)
    plain.release()
    print("a plain Semaphore can be released too often; it now allows 2")

    bounded = asyncio.BoundedSemaphore(1)
    await bounded.acquire()
    bounded.release()
    try:
        bounded.release()
    except ValueError as exc:
        print("ValueError:", exc)


asyncio.run(main())
