import asyncio
import concurrent.futures


async def square(x):
    await asyncio.sleep(0.01)
    print(f"loop: squaring {x}")
    return x * x


def worker(loop, numbers):
    print("thread: sending work to the event loop")
    results = []
    for n in numbers:
        future = asyncio.run_coroutine_threadsafe(square(n), loop)
        if not results:
            print("thread: got a", type(future).__name__,
                  "| concurrent?", isinstance(future, concurrent.futures.Future))
        results.append(future.result(timeout=2))
    print("thread: all answers are in")
    return results


def ring_the_bell(loop, bell):
    loop.call_soon_threadsafe(bell.set_result, "ding from the worker thread")


async def main():
    loop = asyncio.get_running_loop()
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        results = await loop.run_in_executor(pool, worker, loop, [2, 3, 4])
        print("main: results", results)

        bell = loop.create_future()
        await loop.run_in_executor(pool, ring_the_bell, loop, bell)
        print("main:", await bell)


asyncio.run(main())
