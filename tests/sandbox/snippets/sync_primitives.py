import asyncio

counter = 0


async def increment(lock):
    global counter
    async with lock:
        current = counter
        await asyncio.sleep(0)
        counter = current + 1


async def limited(sem, i, active, peak):
    async with sem:
        active.append(i)
        peak.append(len(active))
        await asyncio.sleep(0.001)
        active.remove(i)


async def waiter(event, name):
    await event.wait()
    print(name, "saw the event")


async def main():
    lock = asyncio.Lock()
    await asyncio.gather(*(increment(lock) for _ in range(10)))
    print("counter:", counter)
    sem = asyncio.Semaphore(2)
    active, peak = [], []
    await asyncio.gather(*(limited(sem, i, active, peak) for i in range(6)))
    print("max concurrent:", max(peak))
    event = asyncio.Event()
    tasks = [asyncio.create_task(waiter(event, n)) for n in ("first", "second")]
    await asyncio.sleep(0)
    print("setting")
    event.set()
    await asyncio.gather(*tasks)
    barrier = asyncio.Barrier(2)

    async def arrive(tag):
        await barrier.wait()
        return tag

    print(await asyncio.gather(arrive("x"), arrive("y")))


asyncio.run(main())
