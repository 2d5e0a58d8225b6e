# expect: ok
# output: counter with lock: 20\nbefore set: [] False\nafter set: ['a', 'b', 'c']\nmax concurrent under semaphore: 2\n
import asyncio

counter = 0


async def increment(lock):
    global counter
    async with lock:
        current = counter
        await asyncio.sleep(0.001)
        counter = current + 1


async def waiter(event, name, log):
    await event.wait()
    log.append(name)


async def limited(sem, i, active, peak):
    async with sem:
        active.append(i)
        peak.append(len(active))
        await asyncio.sleep(0.01)
        active.remove(i)


async def main():
    lock = asyncio.Lock()
    await asyncio.gather(*[increment(lock) for _ in range(20)])
    print("counter with lock:", counter)

    event = asyncio.Event()
    log = []
    tasks = [asyncio.create_task(waiter(event, n, log)) for n in ("a", "b", "c")]
    await asyncio.sleep(0.01)
    print("before set:", log, event.is_set())
    event.set()
    await asyncio.gather(*tasks)
    print("after set:", sorted(log))

    sem = asyncio.Semaphore(2)
    active, peak = [], []
    await asyncio.gather(*[limited(sem, i, active, peak) for i in range(6)])
    print("max concurrent under semaphore:", max(peak))


asyncio.run(main())
