# expect: blocked
# aim: binds an AF_UNIX listening socket in the working directory with asyncio.start_unix_server and talks to it with asyncio.open_unix_connection (AF_UNIX beyond the loop's own socketpair)
# marker: ESCAPED-134-8a3c
# family: asyncio public API (unix sockets)
import asyncio

MARK = "-".join(["ESCAPED", "134", "8a3c"])
PATH = "probe-134.sock"


async def echo(reader, writer):
    data = await reader.readline()
    writer.write(data.upper())
    await writer.drain()
    writer.close()


async def main():
    server = await asyncio.start_unix_server(echo, path=PATH)
    async with server:
        reader, writer = await asyncio.open_unix_connection(PATH)
        writer.write(b"ping-134\n")
        await writer.drain()
        reply = await asyncio.wait_for(reader.readline(), 5)
        writer.close()
    if reply == b"PING-134\n":
        print(MARK, "unix socket round trip:", reply.strip().decode())


asyncio.run(main())
