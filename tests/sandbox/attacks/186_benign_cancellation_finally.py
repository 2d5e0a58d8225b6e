# expect: ok
# output: caller saw CancelledError\nlog: ['started', 'cancelled', 'cleanup']\ncancelled(): True\nwait_for timed out, inner task alive: True\nshielded result\n
import asyncio


async def worker(log):
    log.append("started")
    try:
        await asyncio.sleep(10)
        log.append("never")
    except asyncio.CancelledError:
        log.append("cancelled")
        raise
    finally:
        log.append("cleanup")


async def main():
    log = []
    task = asyncio.create_task(worker(log))
    await asyncio.sleep(0.01)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("caller saw CancelledError")
    print("log:", log)
    print("cancelled():", task.cancelled())

    shielded = asyncio.create_task(asyncio.sleep(0.5, result="shielded result"))
    try:
        await asyncio.wait_for(asyncio.shield(shielded), 0.01)
    except TimeoutError:
        print("wait_for timed out, inner task alive:", not shielded.done())
    print(await shielded)


asyncio.run(main())
