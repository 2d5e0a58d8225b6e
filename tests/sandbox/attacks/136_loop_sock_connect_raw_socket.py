# expect: blocked
# aim: builds a raw TCP socket from the socket module asyncio.events imports and connects it to 127.0.0.1 with loop.sock_connect (refused counts)
# marker: ESCAPED-136-57b9
# family: asyncio loop API (sock_* with a leaked socket module)
import asyncio

MARK = "-".join(["ESCAPED", "136", "57b9"])


async def main():
    loop = asyncio.get_running_loop()
    socket_mod = None
    for get in (lambda: asyncio.events.socket, lambda: asyncio.base_events.socket):
        try:
            socket_mod = get()
            break
        except Exception:
            continue
    if socket_mod is None:
        return
    for port in (1, 22, 80, 2024, 8080):
        sock = socket_mod.socket(socket_mod.AF_INET, socket_mod.SOCK_STREAM)
        sock.setblocking(False)
        try:
            await asyncio.wait_for(loop.sock_connect(sock, ("127.0.0.1", port)), 3)
            result = "connected"
        except Exception as exc:
            result = "refused" if getattr(exc, "errno", None) == 111 else None
        sock.close()
        if result is not None:
            print(MARK, "tcp", port, result)
            return


asyncio.run(main())
