# expect: blocked
# aim: floods stderr (~40 MB) through asyncio's own logging: 30,000 tasks fail with 1 KB messages and are never awaited, so each logs "Task exception was never retrieved" with a traceback; the marker is in the middle task's message
# marker: FLOOD-164-MIDDLE
# family: output cap (stderr flood via asyncio logger)
import asyncio

PAD = "E" * 1000
N = 30000


async def fail(i):
    tag = ("FLOOD-164" + "-MIDDLE") if i == N // 2 else str(i)
    raise ValueError(PAD + " " + tag)


async def main():
    tasks = [asyncio.create_task(fail(i)) for i in range(N)]
    await asyncio.sleep(0.5)
    tasks.clear()  # dropping the last references makes every task log its exception


asyncio.run(main())
