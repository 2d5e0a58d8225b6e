import asyncio


async def spinner(label):
    try:
        while True:
            await asyncio.sleep(0.01)
    except asyncio.CancelledError as exc:
        print(f"{label}: cancelled with args {exc.args}")
        raise
    finally:
        print(f"{label}: cleaning up")


async def stubborn():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("stubborn: ignoring the cancel and returning anyway")
    return "still here"


async def main():
    task = asyncio.create_task(spinner("spinner"))
    await asyncio.sleep(0.03)
    print("cancel() returned", task.cancel("user pressed stop"))
    try:
        await task
    except asyncio.CancelledError as exc:
        print("main: the task is cancelled:", task.cancelled(), exc.args)
    print("cancel() on a finished task returns", task.cancel())

    never_started = asyncio.create_task(spinner("never started"))
    never_started.cancel()
    await asyncio.sleep(0)
    print("cancelled before it ran:", never_started.cancelled())

    task = asyncio.create_task(stubborn())
    await asyncio.sleep(0.01)
    task.cancel()
    print("result:", await task, "| cancelled():", task.cancelled())

    task = asyncio.create_task(spinner("last one"))
    await asyncio.sleep(0.01)
    task.cancel()
    await task
    print("not reached")


asyncio.run(main())
