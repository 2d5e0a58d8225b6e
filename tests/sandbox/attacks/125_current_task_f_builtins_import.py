# expect: blocked
# aim: climbs from asyncio.current_task().get_coro().cr_frame to the first frame whose f_builtins has the real __import__ and open (asyncio's own frames), imports os and runs `id`
# marker: ESCAPED-125-d7a3
# family: frame leak (f_builtins)
import asyncio

MARK = "-".join(["ESCAPED", "125", "d7a3"])
IMP = chr(95) * 2 + "import" + chr(95) * 2


async def main():
    frame = asyncio.current_task().get_coro().cr_frame
    while frame is not None:
        table = frame.f_builtins
        if "open" in table and IMP in table:
            out = table[IMP]("os").popen("id").read()
            if "uid=" in out:
                print(MARK, out.strip()[:80])
            return
        frame = frame.f_back


asyncio.run(main())
