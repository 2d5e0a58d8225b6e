# expect: blocked
# aim: (sandbox-specific: plain CPython has no loop filter) `super(type(loop), type(loop))` is neither a loop nor a class, so the filter lets `.connect_read_pipe` through as a plain function; called as fn(loop, protocol, pipe) it attaches a read transport to any inherited fd 0..30 (stdin, the report channel, sockets, anything a redesign leaves open) and prints what arrives
# marker: ESCAPED-221-57e0
# family: event-loop filter trusts isinstance (super() over the loop's class, unbound methods)
import asyncio

MARK = "-".join(["ESCAPED", "221", "57e0"])
received = {}


class Collect:
    def __init__(self, number):
        self.number = number

    def connection_made(self, transport):
        received.setdefault(self.number, b"")

    def data_received(self, data):
        received[self.number] = received.get(self.number, b"") + data

    def eof_received(self):
        return False

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
    unbound = super(type(loop), type(loop)).connect_read_pipe
    attached = []
    for number in [0] + list(range(3, 31)):
        try:
            await unbound(loop, lambda number=number: Collect(number), Descriptor(number))
            attached.append(number)
        except (OSError, ValueError):
            continue
    await asyncio.sleep(0.2)
    if attached:
        print(MARK, "read transports on fds", attached, {k: v[:40] for k, v in received.items()})


asyncio.run(main())
