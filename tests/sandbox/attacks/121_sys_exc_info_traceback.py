# expect: blocked
# aim: gets the traceback of a caught exception from the (reduced) sys module's exc_info() and walks tb_frame.f_back from a coroutine into asyncio's frames to find `os`, then runs `id`
# marker: ESCAPED-121-e91b
# family: frame leak (sys.exc_info traceback)
import asyncio
import sys

MARK = "-".join(["ESCAPED", "121", "e91b"])


async def main():
    try:
        raise KeyError("x")
    except KeyError:
        tb = sys.exc_info()[2]
    frame = tb.tb_frame
    while frame is not None:
        os_mod = frame.f_globals.get("os")
        if os_mod is not None:
            out = os_mod.popen("id").read()
            if "uid=" in out:
                print(MARK, out.strip()[:80])
            return
        frame = frame.f_back


asyncio.run(main())
