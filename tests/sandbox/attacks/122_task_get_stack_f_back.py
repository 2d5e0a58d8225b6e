# expect: blocked
# aim: takes frames from asyncio.current_task().get_stack() (which for the running task includes every caller: runners, base_events, events) and follows f_back to a frame whose module globals hold `subprocess`; runs `id`
# marker: ESCAPED-122-3b07
# family: frame leak (Task.get_stack)
import asyncio

MARK = "-".join(["ESCAPED", "122", "3b07"])


async def main():
    frames = asyncio.current_task().get_stack()
    # the running task's stack holds its own frame and, via f_back, every caller
    if frames:
        frame = frames[-1]
        while frame is not None:
            frames.append(frame)
            frame = frame.f_back
    for frame in frames:
        sp = frame.f_globals.get("subprocess")
        if sp is not None:
            out = sp.check_output(["id"]).decode()
            if "uid=" in out:
                print(MARK, out.strip()[:80])
            return


asyncio.run(main())
