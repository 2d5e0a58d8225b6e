# expect: blocked
# aim: opens TCP connections to 127.0.0.1 with the low-level loop.create_connection and a Protocol (ConnectionRefusedError also proves socket()/connect() were allowed)
# marker: ESCAPED-132-2c8f
# family: asyncio loop API (network)
import asyncio

MARK = "-".join(["ESCAPED", "132", "2c8f"])


async def probe(loop, port):
    try:
        transport, proto = await asyncio.wait_for(
            loop.create_connection(asyncio.Protocol, "127.0.0.1", port), 5
        )
    except Exception as exc:
        # ECONNREFUSED (111): socket() and connect() were allowed, nobody listens
        return "refused" if getattr(exc, "errno", None) == 111 else None
    transport.close()
    return "connected"


async def main():
    loop = asyncio.get_running_loop()
    for port in (1, 22, 80, 2024, 8000, 8080):
        result = await probe(loop, port)
        if result is not None:
            print(MARK, "tcp", port, result)
            return


asyncio.run(main())
