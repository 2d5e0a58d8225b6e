import asyncio


async def consumer(name, condition, buffer, wanted):
    async with condition:
        await condition.wait_for(lambda: len(buffer) >= wanted)
        taken = [buffer.pop(0) for _ in range(wanted)]
        print(f"{name} took {taken}")


async def producer(condition, buffer):
    for item in range(1, 6):
        await asyncio.sleep(0.01)
        async with condition:
            buffer.append(item)
            print(f"produced {item}")
            condition.notify_all()


async def main():
    condition = asyncio.Condition()
    buffer = []
    await asyncio.gather(
        consumer("pairs", condition, buffer, 2),
        consumer("triples", condition, buffer, 3),
        producer(condition, buffer),
    )
    print("left in buffer:", buffer)

    try:
        condition.notify()
    except RuntimeError as exc:
        print("RuntimeError:", exc)


asyncio.run(main())
