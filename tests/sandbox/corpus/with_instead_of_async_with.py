import asyncio

counter = 0


async def increment(lock):
    global counter
    with lock:
        counter += 1


async def main():
    lock = asyncio.Lock()
    await asyncio.gather(increment(lock), increment(lock))
    print(counter)


asyncio.run(main())
