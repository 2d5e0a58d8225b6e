# expect: blocked
# aim: (sandbox-specific) from fully restricted code, `super(type(loop), loop).connect_write_pipe` (see 220) writes 64 KiB of "[" to every inherited fd 3..30; the worker parses the run's report with json.loads and only catches ValueError, so the RecursionError kills the whole worker and every concurrent run is lost ("SandboxError: the sandbox worker failed"). The marker only shows the write went out; the test must check that this run and a concurrent run both get normal Results (no SandboxError, no restart)
# marker: ESCAPED-241-b0c7
# family: child report channel (worker crash via deep JSON)
import asyncio


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
        transport.write(b"[" * 65536)
        written.append((number, transport))
    await asyncio.sleep(0.3)
    done = [n for n, t in written if t.get_write_buffer_size() == 0]
    if done:
        print("-".join(["ESCAPED", "241", "b0c7"]), "64 KiB of [ written to fds", done)


asyncio.run(main())
