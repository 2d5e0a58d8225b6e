import asyncio
import time


def resize_photo(name):
    time.sleep(0.1)  # slow, blocking work: fine in a thread
    return f"{name} resized"


async def heartbeat():
    for beat in range(3):
        print("heartbeat", beat)
        await asyncio.sleep(0.03)


async def main():
    started = time.perf_counter()
    first, second, _ = await asyncio.gather(
        asyncio.to_thread(resize_photo, "beach.jpg"),
        asyncio.to_thread(resize_photo, "forest.jpg"),
        heartbeat(),
    )
    print(first, "|", second)
    print(f"everything took about {time.perf_counter() - started:.1f} s")

    total = await asyncio.to_thread(sum, range(1_000_001))
    print("sum computed in a thread:", total)


asyncio.run(main())
