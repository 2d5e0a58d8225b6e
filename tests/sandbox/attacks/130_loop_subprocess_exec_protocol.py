# expect: blocked
# aim: runs `id` with the event loop's low-level loop.subprocess_exec and a SubprocessProtocol (not the create_subprocess_* wrappers)
# marker: ESCAPED-130-b19d
# family: asyncio loop API (subprocess)
import asyncio

MARK = "-".join(["ESCAPED", "130", "b19d"])
PIPE = -1
chunks = []
exited = []


class Collect(asyncio.SubprocessProtocol):
    def pipe_data_received(self, fd, data):
        chunks.append(data)

    def process_exited(self):
        exited.append(True)


async def main():
    loop = asyncio.get_running_loop()
    transport, proto = await loop.subprocess_exec(
        Collect, "id", stdin=None, stdout=PIPE, stderr=None
    )
    waited = 0
    while not exited and waited < 100:
        await asyncio.sleep(0.1)
        waited = waited + 1
    await asyncio.sleep(0.1)
    transport.close()
    text = b"".join(chunks).decode(errors="replace")
    if "uid=" in text:
        print(MARK, text.strip()[:80])


asyncio.run(main())
