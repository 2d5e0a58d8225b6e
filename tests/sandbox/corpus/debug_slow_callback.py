import asyncio
import logging
import re
import time

logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


def shorter_slow_callback_message(record):
    # The real message shows the whole task repr and the exact time; keep it stable.
    if record.msg.startswith("Executing"):
        what, seconds = record.args
        found = re.search(r"coro=<(\w+)\(\)", str(what))
        record.msg = "Executing %s took about %.1f seconds"
        record.args = (found.group(1) if found else "a callback", seconds)
    return True


logging.getLogger("asyncio").addFilter(shorter_slow_callback_message)


async def crunch():
    time.sleep(0.2)  # blocks the event loop: debug mode notices
    return "crunched"


async def main():
    loop = asyncio.get_running_loop()
    print("debug mode:", loop.get_debug())
    print("slow callback threshold:", loop.slow_callback_duration)
    print(await asyncio.create_task(crunch()))


asyncio.run(main(), debug=True)
print("done")
