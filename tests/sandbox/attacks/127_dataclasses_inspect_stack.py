# expect: blocked
# aim: uses the inspect module that dataclasses imports (dataclasses.inspect) to list the whole call stack (inspect.stack / currentframe) and finds `os` in a caller's globals; runs `id`
# marker: ESCAPED-127-95dc
# family: allowlisted-module attribute leak (dataclasses.inspect) + frame access
import asyncio
import dataclasses

MARK = "-".join(["ESCAPED", "127", "95dc"])


async def main():
    inspect = dataclasses.inspect
    frames = [info.frame for info in inspect.stack(0)]
    for frame in frames:
        os_mod = frame.f_globals.get("os")
        if os_mod is not None:
            out = os_mod.popen("id").read()
            if "uid=" in out:
                print(MARK, out.strip()[:80])
            return
    os_mod = inspect.os
    out = os_mod.popen("id").read()
    if "uid=" in out:
        print(MARK, "(inspect.os)", out.strip()[:70])


asyncio.run(main())
