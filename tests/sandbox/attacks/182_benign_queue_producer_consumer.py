# expect: ok
# output: consumed: [0, 10, 20, 30, 40]\nqueue empty: True\nnowait: ALPHA BETA GAMMA\n
import asyncio


async def producer(queue, n):
    for i in range(n):
        await queue.put(i)
        await asyncio.sleep(0)
    await queue.put(None)


async def consumer(queue, seen):
    while True:
        item = await queue.get()
        if item is None:
            queue.task_done()
            break
        seen.append(item * 10)
        queue.task_done()


async def main():
    queue = asyncio.Queue(maxsize=2)
    seen = []
    await asyncio.gather(producer(queue, 5), consumer(queue, seen))
    await queue.join()
    print("consumed:", seen)
    print("queue empty:", queue.empty())

    jobs = asyncio.Queue()
    for word in ["alpha", "beta", "gamma"]:
        jobs.put_nowait(word)
    out = []
    while not jobs.empty():
        out.append(jobs.get_nowait().upper())
    print("nowait:", " ".join(out))


asyncio.run(main())
