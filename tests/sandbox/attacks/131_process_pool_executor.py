# expect: blocked
# aim: reaches concurrent.futures.ProcessPoolExecutor through asyncio's own imports (asyncio.base_events.concurrent / asyncio.futures.concurrent) and runs work in forked child processes with loop.run_in_executor
# marker: ESCAPED-131-6e5a
# family: asyncio loop API (run_in_executor with a process pool)
import asyncio

MARK = "-".join(["ESCAPED", "131", "6e5a"])


def find_futures():
    for get in (
        lambda: asyncio.base_events.concurrent.futures,
        lambda: asyncio.futures.concurrent.futures,
        lambda: asyncio.tasks.concurrent.futures,
    ):
        try:
            return get()
        except Exception:
            continue
    return None


async def main():
    cf = find_futures()
    if cf is None:
        return
    pool_class = cf.ProcessPoolExecutor  # also imports concurrent.futures.process
    mp = cf.process.mp
    me = mp.current_process().pid
    loop = asyncio.get_running_loop()
    with pool_class(max_workers=2) as pool:
        result = await loop.run_in_executor(pool, pow, 2, 20)
        pids = [p.pid for p in mp.active_children()]
    others = [pid for pid in pids if pid != me]
    if result == 1048576 and others:
        print(MARK, "work ran in child processes", others)


asyncio.run(main())
