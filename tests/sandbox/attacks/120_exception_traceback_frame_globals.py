# expect: blocked
# aim: raises inside asyncio.run, catches outside it and walks the exception's __traceback__ (tb_next/tb_frame) through asyncio's own frames to a module global `os`, then runs `id`
# marker: ESCAPED-120-5a8c
# family: frame leak (exception traceback)
import asyncio

MARK = "-".join(["ESCAPED", "120", "5a8c"])
TB = chr(95) * 2 + "traceback" + chr(95) * 2


async def boom():
    raise ValueError("boom")


try:
    asyncio.run(boom())
except ValueError as exc:
    tb = getattr(exc, TB)
    os_mod = None
    while tb is not None and os_mod is None:
        os_mod = tb.tb_frame.f_globals.get("os")
        tb = tb.tb_next
    if os_mod is not None:
        out = os_mod.popen("id").read()
        if "uid=" in out:
            print(MARK, out.strip()[:80])
