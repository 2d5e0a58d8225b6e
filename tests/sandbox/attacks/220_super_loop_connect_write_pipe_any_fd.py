# expect: blocked
# aim: (sandbox-specific: plain CPython has no loop filter, so liveness cannot be shown there) the loop attribute filter asks isinstance(obj, AbstractEventLoop), and a `super(type(loop), loop)` object is not one, so `super(...).connect_write_pipe` is the real bound method; with a duck-typed "pipe" whose fileno() is 3..30 it writes to whatever the child inherited - today fd 3 is the side channel the worker reads the run's report from, and a 64 KiB forged report ("status memory") fills the worker's report cap so the real one is dropped. The marker shows a write to a non-stdout fd succeeded; the test must also check the Result is not the forged one (status "memory", error message "forged-220")
# marker: ESCAPED-220-aa31
# family: event-loop filter trusts isinstance (super() on the loop)
import asyncio
import json

MARK = "-".join(["ESCAPED", "220", "aa31"])
FORGED = json.dumps(
    {"kind": "memory", "error": {"type": "MemoryError", "message": "forged-220", "line": 1}}
)


class Quiet:
    def connection_made(self, transport):
        pass

    def connection_lost(self, exc):
        pass


class Descriptor:
    def __init__(self, number):
        self.number = number

    def fileno(self):
        return self.number

    def close(self):
        pass


async def main():
    loop = asyncio.get_running_loop()
    connect = super(type(loop), loop).connect_write_pipe
    written = []
    for number in range(3, 31):
        try:
            transport, _ = await connect(Quiet, Descriptor(number))
        except (OSError, ValueError):
            continue
        transport.write((FORGED + " " * (65536 - len(FORGED))).encode())
        written.append((number, transport))
    await asyncio.sleep(0.3)
    done = [number for number, transport in written if transport.get_write_buffer_size() == 0]
    if done:
        print(MARK, "wrote a forged report to fds", done)


asyncio.run(main())
