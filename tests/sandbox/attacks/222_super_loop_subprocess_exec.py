# expect: blocked
# aim: reaches the refused loop.subprocess_exec / subprocess_shell through `super(type(loop), loop)` (not an AbstractEventLoop instance, so the filter lets it through) and runs `id`; the audit hook and seccomp are what is left
# marker: ESCAPED-222-1b9c
# family: event-loop filter trusts isinstance (super() on the loop; subprocesses)
import asyncio

MARK = "-".join(["ESCAPED", "222", "1b9c"])
chunks = []


class Gather:
    def connection_made(self, transport):
        pass

    def pipe_data_received(self, fd, data):
        chunks.append(data)

    def pipe_connection_lost(self, fd, exc):
        pass

    def process_exited(self):
        pass

    def connection_lost(self, exc):
        pass


async def main():
    loop = asyncio.get_running_loop()
    parent = super(type(loop), loop)
    for start, args in ((parent.subprocess_exec, ("id",)), (parent.subprocess_shell, ("id",))):
        try:
            transport, _ = await start(Gather, *args)
            await asyncio.sleep(0.5)
        except Exception as exc:
            print(type(exc).__name__, exc)
    output = b"".join(chunks)
    if b"uid=" in output:
        print(MARK, output.decode()[:80])


asyncio.run(main())
