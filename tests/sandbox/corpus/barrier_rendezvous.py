import asyncio


async def hiker(name, delay, summit):
    await asyncio.sleep(delay)
    print(f"{name} reached the summit")
    index = await summit.wait()
    print(f"{name} heads down (arrived as #{index})")


async def main():
    summit = asyncio.Barrier(3)
    await asyncio.gather(
        hiker("Ivy", 0.03, summit),
        hiker("Max", 0.01, summit),
        hiker("Sol", 0.02, summit),
    )
    print("parties:", summit.parties, "| waiting:", summit.n_waiting)

    storm = asyncio.Barrier(2)

    async def lonely():
        try:
            await storm.wait()
        except asyncio.BrokenBarrierError:
            print("the barrier was broken while waiting")

    task = asyncio.create_task(lonely())
    await asyncio.sleep(0.01)
    await storm.abort()
    await task
    print("broken:", storm.broken)


asyncio.run(main())
