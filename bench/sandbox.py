"""Sandbox speed, one table: `python bench/sandbox.py [--runs N]`.

(a) spawning a bare `python -I -S -c pass`
(b) cold-spawning an interpreter that imports asyncio and RestrictedPython
(c) Sandbox.run of an asyncio hello world (warm worker, one fork per run),
    measured interleaved with (a) so both see the same machine; per Python
(f) hello runs per second with every slot busy, per Python; and the first run
    on a Python whose worker is not started yet
(g) the timeline's cost: hello and a 1,000-task gather with and without it, and
    drawing the PNG; virtual time: a program sleeping 60 s in all, with --fast
(d) 200 snippets sleeping 0.2 s submitted at once: ok/busy/lost, makespan, event-loop lag
(e) a snippet printing 1 GiB: the caller's RSS growth and what came back
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import RestrictedPython  # noqa: E402

from bot.sandbox import Limits, Sandbox  # noqa: E402
from bot.sandbox.interpreters import available  # noqa: E402

HELLO = """\
import asyncio


async def main():
    print("hello from the sandbox")


asyncio.run(main())
"""
SLEEPER = "import asyncio\nasyncio.run(asyncio.sleep(0.2))\n"
FLOOD = "line = 'x' * 1023\nfor i in range(1 << 20):\n    print(line)\n"


def quantiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered), p95


def spawn_times(command: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, env={})
        times.append((time.perf_counter() - started) * 1000)
    return times


def rss_kib() -> int:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


async def ticker(lags: list[float], stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    while not stop.is_set():
        expected = loop.time() + 0.005
        await asyncio.sleep(0.005)
        lags.append(max(0.0, loop.time() - expected) * 1000)


async def spawn_ms() -> float:
    started = time.perf_counter()
    process = await asyncio.create_subprocess_exec(sys.executable, "-I", "-S", "-c", "pass", env={})
    await process.wait()
    return (time.perf_counter() - started) * 1000


async def per_version(runs: int, python: str) -> dict:
    """First run (worker start included), then warm runs interleaved with bare
    spawns, then throughput with every slot busy."""
    limits = Limits()
    async with Sandbox(limits, python=python) as sandbox:
        assert (await sandbox.run(HELLO)).status == "ok"
        bare, warm = [], []
        for _ in range(runs):
            bare.append(await spawn_ms())
            await asyncio.sleep(0.005)  # a user types: the spare is ready
            started = time.perf_counter()
            result = await sandbox.run(HELLO)
            warm.append((time.perf_counter() - started) * 1000)
            assert result.status == "ok", result
            await asyncio.sleep(0.005)
        batch = 10 * limits.concurrency
        started = time.perf_counter()
        for _ in range(6):
            results = await asyncio.gather(*(sandbox.run(HELLO) for _ in range(batch)))
            assert all(r.status == "ok" for r in results)
        rate = 6 * batch / (time.perf_counter() - started)
    # The cold start, measured apart: the worker starts with the first run.
    cold = Sandbox(Limits(), python=python)
    started = time.perf_counter()
    assert (await cold.run(HELLO)).status == "ok"
    cold_first = (time.perf_counter() - started) * 1000
    await cold.close()
    return {"cold_first": cold_first, "bare": bare, "warm": warm, "rate": rate}


GATHER = """\
import asyncio


async def one(i):
    await asyncio.sleep(0)
    return i


async def main():
    print(sum(await asyncio.gather(*(one(i) for i in range(1000)))))


asyncio.run(main())
"""
SLEEPY = """\
import asyncio
import time


async def main():
    start = time.perf_counter()
    for _ in range(6):
        await asyncio.gather(asyncio.sleep(5), asyncio.sleep(10))
    print(f"slept {time.perf_counter() - start:.2f} s")


asyncio.run(main())
"""


async def seeing(runs: int) -> dict:
    """Medians with and without the timeline, alternated so both see the same machine."""
    from bot.timeline import render_png

    found: dict = {}
    async with Sandbox(Limits(concurrency=1)) as sandbox:
        for name, code in (("hello", HELLO), ("gather", GATHER)):
            plain, drawn = [], []
            for _ in range(runs):
                for timeline, times in ((False, plain), (True, drawn)):
                    started = time.perf_counter()
                    result = await sandbox.run(code, timeline=timeline)
                    times.append((time.perf_counter() - started) * 1000)
                    assert result.status == "ok", result
            found[name] = (statistics.median(plain), statistics.median(drawn))
        render_png(result.timeline)  # matplotlib's import, once
        renders = []
        for _ in range(10):
            started = time.perf_counter()
            render_png(result.timeline)
            renders.append((time.perf_counter() - started) * 1000)
        found["render"] = statistics.median(renders)
        started = time.perf_counter()
        slept = await sandbox.run(SLEEPY, fast=True)
        found["sleepy"] = ((time.perf_counter() - started) * 1000, slept.output.strip())
    return found


async def burst(count: int) -> dict:
    limits = Limits()
    async with Sandbox(limits) as sandbox:
        await sandbox.run("pass")
        lags: list[float] = []
        stop = asyncio.Event()
        tick = asyncio.create_task(ticker(lags, stop))
        started = time.perf_counter()
        results = await asyncio.gather(*(sandbox.run(SLEEPER) for _ in range(count)))
        makespan = time.perf_counter() - started
        stop.set()
        await tick
    statuses = [r.status for r in results]
    ok = statuses.count("ok")
    waves = -(-ok // limits.concurrency)
    return {
        "ok": ok,
        "busy": statuses.count("busy"),
        "other": count - ok - statuses.count("busy"),
        "makespan": makespan,
        "bound": waves * 0.2,
        "concurrency": limits.concurrency,
        "queue": limits.queue_bound,
        "lag_p99": sorted(lags)[int(0.99 * (len(lags) - 1))] if lags else 0.0,
        "lag_max": max(lags, default=0.0),
    }


async def flood() -> dict:
    async with Sandbox(Limits(concurrency=1)) as sandbox:
        await sandbox.run("pass")
        before = rss_kib()
        started = time.perf_counter()
        result = await sandbox.run(FLOOD)
        elapsed = time.perf_counter() - started
        after = rss_kib()
    return {
        "status": result.status,
        "output_bytes": result.output_bytes,
        "kept": len(result.output.encode()),
        "truncated": result.truncated,
        "rss_growth_kib": after - before,
        "seconds": elapsed,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=100, help="warm runs for (c), per Python")
    parser.add_argument("--spawns", type=int, default=60, help="spawns for (a) and (b)")
    args = parser.parse_args()
    site = os.path.dirname(os.path.dirname(RestrictedPython.__file__))
    bare = spawn_times([sys.executable, "-I", "-S", "-c", "pass"], args.spawns)
    cold_code = f"import sys; sys.path.insert(0, {site!r}); import asyncio, RestrictedPython"
    cold = spawn_times([sys.executable, "-I", "-S", "-c", cold_code], args.spawns // 2)
    versions = {v: asyncio.run(per_version(args.runs, path)) for v, path in available().items()}
    seen = asyncio.run(seeing(20))
    crowd = asyncio.run(burst(200))
    big = asyncio.run(flood())
    (a_med, a_p95), (b_med, b_p95) = map(quantiles, (bare, cold))
    print(f"cpus: {os.cpu_count()}  supervisor python: {sys.version.split()[0]}")
    print("| case | median | p95 | note |")
    print("|---|---|---|---|")
    print(f"| (a) bare `python -I -S -c pass` | {a_med:.1f} ms | {a_p95:.1f} ms | n={len(bare)} |")
    print(
        f"| (b) cold interpreter + asyncio + RestrictedPython | {b_med:.1f} ms | {b_p95:.1f} ms "
        f"| n={len(cold)}, {b_med / a_med:.1f}x (a) |"
    )
    for version, found in versions.items():
        (w_med, w_p95), (s_med, _) = quantiles(found["warm"]), quantiles(found["bare"])
        print(
            f"| (c) `Sandbox.run` hello, Python {version} | {w_med:.1f} ms | {w_p95:.1f} ms "
            f"| n={len(found['warm'])}, **(c)/(a) = {w_med / s_med:.2f}** (a interleaved: "
            f"{s_med:.1f} ms; target <= 0.7) |"
        )
        print(
            f"| (f) hello throughput, Python {version} | {found['rate']:.0f} runs/s | "
            f"first run {found['cold_first']:.0f} ms | every slot busy (target >= 200/s); the "
            f"first run starts the worker |"
        )
    for name, label in (("hello", "hello world"), ("gather", "1,000-task gather")):
        plain, drawn = seen[name]
        print(
            f"| (g) {label}, without / with `--timeline` | {plain:.1f} / {drawn:.1f} ms | "
            f"| ratio {drawn / plain:.2f} (same run, alternated) |"
        )
    print(
        f"| (g) drawing the timeline PNG (matplotlib) | {seen['render']:.0f} ms | | median of 10 |"
    )
    wall, said = seen["sleepy"]
    print(f"| (g) 60 s of sleeps with `--fast` | {wall:.0f} ms | | it printed `{said}` |")
    print(
        f"| (d) 200 x sleep(0.2) at once | makespan {crowd['makespan']:.2f} s "
        f"| loop lag p99 {crowd['lag_p99']:.1f} ms (max {crowd['lag_max']:.1f}) "
        f"| ok {crowd['ok']}, busy {crowd['busy']}, lost {crowd['other']}; bound "
        f"{crowd['bound']:.1f} s at concurrency {crowd['concurrency']}, queue {crowd['queue']} |"
    )
    print(
        f"| (e) print 1 GiB | {big['seconds']:.1f} s, {big['status']} "
        f"| caller RSS +{big['rss_growth_kib'] / 1024:.1f} MiB "
        f"| {big['output_bytes'] / 2**20:.0f} MiB written, {big['kept']} B kept, "
        f"truncated={big['truncated']} |"
    )


if __name__ == "__main__":
    main()
