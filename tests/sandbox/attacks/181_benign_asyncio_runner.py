# expect: ok
# output: first: 3\nsecond: 42\nstore size: 2\nsame loop reused: True\nclosed after with: True\n
import asyncio


async def add(a, b):
    await asyncio.sleep(0.01)
    return a + b


async def remember(store, key, value):
    await asyncio.sleep(0)
    store[key] = value
    return len(store)


store = {}
with asyncio.Runner() as runner:
    print("first:", runner.run(add(1, 2)))
    print("second:", runner.run(add(40, 2)))
    runner.run(remember(store, "a", 1))
    print("store size:", runner.run(remember(store, "b", 2)))
    loop = runner.get_loop()
    print("same loop reused:", loop.is_running() is False and not loop.is_closed())
print("closed after with:", loop.is_closed())
