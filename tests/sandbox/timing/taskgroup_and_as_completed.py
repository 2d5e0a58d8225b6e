import asyncio
import time


async def job(n):
    await asyncio.sleep(0.1 * n)
    return n


async def main():
    start = time.perf_counter()
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(job(n)) for n in (3, 1, 2)]
    print("TaskGroup:", [t.result() for t in tasks], f"{time.perf_counter() - start:.1f} s")
    order = []
    for next_done in asyncio.as_completed([job(n) for n in (3, 1, 2)]):
        order.append(await next_done)
    print("as_completed order:", order)
    loop = asyncio.get_running_loop()
    fired = loop.create_future()
    loop.call_later(0.2, fired.set_result, "call_later fired")
    print(await fired)


asyncio.run(main())
