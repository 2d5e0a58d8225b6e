import asyncio
import functools


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    finished = loop.create_future()

    def report(label):
        print(f"{label:<24} ~{loop.time() - start:.1f}s")

    loop.call_soon(report, "call_soon first")
    loop.call_soon(report, "call_soon second")
    loop.call_later(0.2, report, "call_later(0.2)")
    loop.call_later(0.1, report, "call_later(0.1)")
    loop.call_at(start + 0.3, report, "call_at(start + 0.3)")
    loop.call_at(start + 0.3, finished.set_result, "all callbacks ran")
    loop.call_soon(functools.partial(print, "a partial with keywords", end="!\n"))

    forgotten = loop.call_later(0.05, report, "should never run")
    forgotten.cancel()
    print("timer cancelled?", forgotten.cancelled())
    print("handle type:", type(forgotten).__name__)

    print(await finished)


asyncio.run(main())
