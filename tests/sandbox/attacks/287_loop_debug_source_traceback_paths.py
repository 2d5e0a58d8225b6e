# expect: ok
# output: Exception in callback broken_callback() at snippet.py:8\nhandle: <Handle broken_callback() at snippet.py:8 created at snippet.py:18>\nsource_traceback: Object created at (most recent call last):\n  File "snippet.py", line 24, in <module>\n    asyncio.run(main(), debug=True)\n  File "snippet.py", line 18, in main\n    loop.call_soon(broken_callback)\nTraceback (most recent call last):\n  File "snippet.py", line 9, in broken_callback\n    raise ValueError("callback failed")\nValueError: callback failed\nTask exception was never retrieved\nfuture: <Task finished name='Task-2' coro=<boom() done, defined at snippet.py:12> exception=KeyError('never retrieved') created at snippet.py:19>\nsource_traceback: Object created at (most recent call last):\n  File "snippet.py", line 24, in <module>\n    asyncio.run(main(), debug=True)\n  File "snippet.py", line 19, in main\n    task = loop.create_task(boom())\nTraceback (most recent call last):\n  File "snippet.py", line 13, in boom\n    raise KeyError("never retrieved")\nKeyError: 'never retrieved'\ndone\n
# aim: asyncio debug mode (asyncio.run(main(), debug=True)) with a callback that raises and a task whose exception is never retrieved: asyncio logs 'Object created at' stacks, which in the sandbox include the frames below the snippet's module frame (child.py, worker.py and <string> of the sandbox itself: its file paths and line numbers) and stdlib frames without source lines; the output must equal CPython's after the documented normalisation (only snippet.py frames) (exits 0 under CPython)
# family: failures reported as the wrong thing (sandbox paths in asyncio's log output)
import asyncio


def broken_callback():
    raise ValueError("callback failed")


async def boom():
    raise KeyError("never retrieved")


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(broken_callback)
    task = loop.create_task(boom())
    await asyncio.sleep(0.05)
    del task


asyncio.run(main(), debug=True)
print("done")
