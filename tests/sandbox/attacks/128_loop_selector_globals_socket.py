# expect: blocked
# aim: reads the running loop's private selector (loop._selector), follows its select() method's module globals (selectors imports sys) to sys.modules['socket'] and opens a fresh TCP connection to 127.0.0.1 (refused counts)
# marker: ESCAPED-128-4a6b
# family: asyncio private loop state (selector)
import asyncio

MARK = "-".join(["ESCAPED", "128", "4a6b"])
GLOBALS = chr(95) * 2 + "globals" + chr(95) * 2


async def main():
    loop = asyncio.get_running_loop()
    selector = getattr(loop, chr(95) + "selector")
    registered = len(selector.get_map())
    socket_mod = getattr(selector.select, GLOBALS)["sys"].modules["socket"]
    sock = socket_mod.socket(socket_mod.AF_INET, socket_mod.SOCK_STREAM)
    sock.settimeout(3)
    try:
        sock.connect(("127.0.0.1", 1))
        result = "connected"
    except Exception as exc:
        result = "refused" if getattr(exc, "errno", None) == 111 else None
    sock.close()
    if result is not None:
        print(MARK, "selector with", registered, "fds led to a fresh TCP socket:", result)


asyncio.run(main())
