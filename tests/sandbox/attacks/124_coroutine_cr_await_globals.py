# expect: blocked
# aim: follows a suspended task's coroutine cr_await chain down to asyncio.sleep's own coroutine and reads its cr_frame.f_globals (asyncio.tasks) to reach the events module's `os`; runs `id`
# marker: ESCAPED-124-0c5e
# family: frame leak (coroutine cr_await / cr_frame)
import asyncio

MARK = "-".join(["ESCAPED", "124", "0c5e"])


async def sleeper():
    await asyncio.sleep(1)


async def main():
    task = asyncio.create_task(sleeper())
    await asyncio.sleep(0.05)
    coro = task.get_coro()
    os_mod = None
    while coro is not None and os_mod is None:
        glb = coro.cr_frame.f_globals
        events = glb.get("events")
        os_mod = glb.get("os") or (events.os if events is not None else None)
        coro = coro.cr_await
    task.cancel()
    if os_mod is not None:
        out = os_mod.popen("id").read()
        if "uid=" in out:
            print(MARK, out.strip()[:80])


asyncio.run(main())
