import asyncio


async def worker(name, queue, finished):
    while True:
        job, cost = await queue.get()
        await asyncio.sleep(cost)
        finished.append((name, job))
        print(f"{name} finished {job}")
        queue.task_done()


async def main():
    queue = asyncio.Queue()
    jobs = {"resize": 0.06, "upload": 0.10, "email": 0.02, "backup": 0.08, "thumbnail": 0.04}
    for item in jobs.items():
        queue.put_nowait(item)
    print("jobs waiting:", queue.qsize())

    finished = []
    workers = [asyncio.create_task(worker(f"worker-{i}", queue, finished)) for i in range(2)]
    await queue.join()
    print("queue.join() returned; unfinished jobs:", queue.qsize())

    for task in workers:
        task.cancel()
    outcomes = await asyncio.gather(*workers, return_exceptions=True)
    print("workers stopped:", [type(outcome).__name__ for outcome in outcomes])
    print("jobs per worker:", {name: sum(1 for who, _ in finished if who == name) for name, _ in finished})

    try:
        queue.task_done()
    except ValueError as exc:
        print("ValueError:", exc)


asyncio.run(main())
