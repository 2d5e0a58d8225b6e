# expect: blocked
# aim: hands exec / eval / open to asyncio.to_thread and loop.run_in_executor(None, ...) so they are called from C in a worker thread; exec with an empty globals dict gets the real builtins and runs `id`, open reads /etc/passwd
# marker: ESCAPED-139-ad04
# family: asyncio executor + dangerous builtins
import asyncio

MARK = "-".join(["ESCAPED", "139", "ad04"])
CODE = "import os\nbox.append(os.popen('id').read())\n"


async def main():
    box = []
    loop = asyncio.get_running_loop()
    try:
        await asyncio.to_thread(exec, CODE, {"box": box})
    except Exception:
        pass
    if not box:
        try:
            await loop.run_in_executor(
                None, eval, "box.append(__import__('os').popen('id').read())", {"box": box}
            )
        except Exception:
            pass
    if box and "uid=" in box[0]:
        print(MARK, box[0].strip()[:80])
        return
    try:
        fh = await asyncio.to_thread(open, "/etc/passwd")
        text = await asyncio.to_thread(fh.read)
    except Exception:
        return
    if text.startswith("root:"):
        print(MARK, "read /etc/passwd from a worker thread:", text.splitlines()[0])


asyncio.run(main())
