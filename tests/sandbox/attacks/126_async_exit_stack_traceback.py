# expect: blocked
# aim: receives a raw traceback object as an argument (contextlib.AsyncExitStack.push_async_exit callback), so no dunder is ever written, and walks its frames into asyncio to `os`; runs `id`
# marker: ESCAPED-126-48e0
# family: frame leak (async context manager exit receives traceback)
import asyncio
import contextlib

MARK = "-".join(["ESCAPED", "126", "48e0"])
found = []


async def on_exit(exc_type, exc, tb):
    frame = tb.tb_frame if tb is not None else None
    while frame is not None:
        os_mod = frame.f_globals.get("os")
        if os_mod is not None:
            found.append(os_mod)
            break
        frame = frame.f_back
    return True  # swallow the exception


async def main():
    async with contextlib.AsyncExitStack() as stack:
        stack.push_async_exit(on_exit)
        raise RuntimeError("hand me a traceback")


asyncio.run(main())
if found:
    out = found[0].popen("id").read()
    if "uid=" in out:
        print(MARK, out.strip()[:80])
