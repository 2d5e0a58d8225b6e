import asyncio


async def late_sender(queue):
    await asyncio.sleep(0.1)
    await queue.put("finally, a message")


async def main():
    inbox = asyncio.Queue()
    sender = asyncio.create_task(late_sender(inbox))

    try:
        message = await asyncio.wait_for(inbox.get(), timeout=0.02)
    except TimeoutError:
        print("nothing arrived within 0.02 s")

    message = await asyncio.wait_for(inbox.get(), timeout=1)
    print("got:", message)
    await sender

    try:
        inbox.get_nowait()
    except asyncio.QueueEmpty as exc:
        print("get_nowait on an empty queue:", type(exc).__name__, repr(str(exc)))

    small = asyncio.Queue(maxsize=1)
    small.put_nowait("first")
    try:
        small.put_nowait("second")
    except asyncio.QueueFull:
        print("put_nowait on a full queue raised QueueFull")
    print("maxsize:", small.maxsize, "| full:", small.full())

    try:
        async with asyncio.timeout(0.02):
            await small.put("blocked")
    except TimeoutError:
        print("put() waited for room and timed out")


asyncio.run(main())
