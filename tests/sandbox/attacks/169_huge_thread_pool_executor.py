# expect: blocked
# aim: builds a ThreadPoolExecutor(max_workers=1000) from concurrent.futures reached through asyncio and starts more than 512 sleeping threads via loop.run_in_executor (RLIMIT_NPROC counts threads)
# marker: SURVIVED-169-4c7e
# family: resource exhaustion (threads via run_in_executor)
import asyncio
import time

MARK = "-".join(["SURVIVED", "169", "4c7e"])
started = []


def napper():
    started.append(1)
    time.sleep(15)


def find_futures():
    for get in (
        lambda: asyncio.base_events.concurrent.futures,
        lambda: asyncio.futures.concurrent.futures,
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
    loop = asyncio.get_running_loop()
    pool = cf.ThreadPoolExecutor(max_workers=1000)
    futures = []
    while len(futures) < 1000:
        try:
            futures.append(loop.run_in_executor(pool, napper))
        except Exception:
            break
    await asyncio.sleep(3)
    if len(started) > 512:
        print(MARK, "threads running:", len(started))
    for fut in futures:
        fut.cancel()
    pool.shutdown(wait=False, cancel_futures=True)


asyncio.run(main())
