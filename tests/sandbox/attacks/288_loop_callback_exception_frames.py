# expect: ok
# output: Exception in callback broken_callback() at snippet.py:8\nhandle: <Handle broken_callback() at snippet.py:8>\nTraceback (most recent call last):\n  File "snippet.py", line 9, in broken_callback\n    raise ValueError("callback failed")\nValueError: callback failed\nmain done\n
# aim: a call_soon callback that raises: the loop's default exception handler logs a traceback through logging, not through the sandbox's own traceback printing; the output must equal CPython's after the documented normalisation (frames outside snippet.py dropped - today the sandbox shows asyncio/events.py frames without their source lines) (exits 0 under CPython)
# family: failures reported as the wrong thing (loop exception handler tracebacks)
import asyncio


def broken_callback():
    raise ValueError("callback failed")


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(broken_callback)
    await asyncio.sleep(0.05)
    print("main done")


asyncio.run(main())
