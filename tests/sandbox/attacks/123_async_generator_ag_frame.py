# expect: blocked
# aim: an async generator reads its own ag_frame while running and follows f_back past the consuming coroutine into asyncio's frames to a global `os`; runs `id`
# marker: ESCAPED-123-a6f2
# family: frame leak (async generator ag_frame)
import asyncio

MARK = "-".join(["ESCAPED", "123", "a6f2"])
holder = []


async def agen():
    frame = holder[0].ag_frame
    while frame is not None:
        os_mod = frame.f_globals.get("os")
        if os_mod is not None:
            yield os_mod
            return
        frame = frame.f_back


async def main():
    gen = agen()
    holder.append(gen)
    async for os_mod in gen:
        out = os_mod.popen("id").read()
        if "uid=" in out:
            print(MARK, out.strip()[:80])


asyncio.run(main())
