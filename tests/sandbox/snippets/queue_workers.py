import asyncio


async def producer(queue, n):
    for i in range(n):
        await queue.put(i)
    print("produced", n)


async def worker(name, queue, results):
    while True:
        item = await queue.get()
        await asyncio.sleep(0.001)
        results.append((name, item * 10))
        queue.task_done()


async def main():
    queue = asyncio.Queue(maxsize=2)
    results = []
    workers = [asyncio.create_task(worker(f"w{i}", queue, results)) for i in range(3)]
    await producer(queue, 6)
    await queue.join()
    for w in workers:
        w.cancel()
    outcome = await asyncio.gather(*workers, return_exceptions=True)
    print(sorted(value for _, value in results))
    print([type(x).__name__ for x in outcome])


asyncio.run(main())
