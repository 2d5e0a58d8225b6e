# expect: blocked
# aim: binds a listening TCP port on 127.0.0.1 with asyncio.start_server and completes a round trip through it with open_connection
# marker: ESCAPED-137-e06b
# family: asyncio public API (network, listening socket)
import asyncio

MARK = "-".join(["ESCAPED", "137", "e06b"])


async def echo(reader, writer):
    data = await reader.readline()
    writer.write(data[::-1].strip() + b"\n")
    await writer.drain()
    writer.close()


async def main():
    server = await asyncio.start_server(echo, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"731-gnip\n")
        await writer.drain()
        reply = await asyncio.wait_for(reader.readline(), 5)
        writer.close()
    if reply == b"ping-137\n":
        print(MARK, "listening on 127.0.0.1 port", port)


asyncio.run(main())
