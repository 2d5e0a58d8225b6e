import asyncio


async def double(n):
    await asyncio.sleep(0.01)
    return n * 2


async def main():
    task = asyncio.create_task(double(5))
    print("name:", task.get_name())
    print("done right after create_task?", task.done())

    result = await task
    print("awaited result:", result)
    print("task.result() gives the same:", task.result())
    print("done now?", task.done())
    print(task)

    named = asyncio.create_task(double(21), name="the-answer")
    print(named.get_name(), "->", await named)

    me = asyncio.current_task()
    print("main() itself runs in", me.get_name())
    print("tasks still alive:", [t.get_name() for t in asyncio.all_tasks()])


asyncio.run(main())
