import asyncio


async def value(v, delay):
    await asyncio.sleep(delay)
    return v


async def main():
    print("running as", asyncio.current_task().get_name())
    order = []
    for aw in asyncio.as_completed([value("slow", 0.03), value("fast", 0.001)]):
        order.append(await aw)
    return order


with asyncio.Runner() as runner:
    print(runner.run(main()))
    print(runner.run(value("second run", 0)))

loop_result = asyncio.run(value(7, 0))
print("asyncio.run returned", loop_result)
