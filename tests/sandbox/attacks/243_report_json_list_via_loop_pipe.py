# expect: blocked
# aim: (sandbox-specific) from fully restricted code (loop pipe through super(), see 220) the run's report becomes the JSON list [1] padded to 64 KiB (the real report is dropped): the supervisor does `report.get("error")` on it and raises AttributeError out of Sandbox.run() instead of returning a Result (the bot's !run handler gets an exception). The marker only shows the write went out; the test must check Sandbox.run returns a Result for this run
# marker: ESCAPED-243-e2a8
# family: child report channel (report of the wrong JSON type)
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
        transport.write(("[1]" + " " * 65533).encode())
        written.append((number, transport))
    await asyncio.sleep(0.3)
    done = [n for n, t in written if t.get_write_buffer_size() == 0]
    if done:
        print("-".join(["ESCAPED", "243", "e2a8"]), "JSON list written to fds", done)


asyncio.run(main())
