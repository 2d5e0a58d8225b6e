"""Throughput over the socket with one sandbox service and with two, in one run:
`python bench/endpoints.py [--rounds N]`.

Each service is a real `python -m bot.sandbox serve` with SLOTS slots; the bot's
own SandboxPool sends the runs, keeping twice as many in flight as there are
slots. The setups are measured in alternating rounds (median kept), so all see
the same machine. Two workloads: `hello` (an asyncio hello world: the cost is
CPU, fork and jail) and `sleeper` (a 0.1 s asyncio.sleep: the cost is a slot
held while waiting). A third setup, one service with both services' slots,
tells whether a second service helps because it is a second service or only
because it adds slots.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.sandbox import SandboxClient, SandboxPool  # noqa: E402
from bot.sandbox.client import NotDelivered  # noqa: E402

SLOTS = os.cpu_count() or 1  # what `serve` defaults to on this machine
HELLO = 'import asyncio\n\n\nasync def main():\n    print("hello")\n\n\nasyncio.run(main())\n'
SLEEPER = "import asyncio\nasyncio.run(asyncio.sleep(0.1))\n"
WORKLOADS = {"hello": (HELLO, 240), "sleeper": (SLEEPER, 80)}  # code, runs per measurement


async def start_service(path: Path, slots: int) -> asyncio.subprocess.Process:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.sandbox", "serve", "--socket", str(path),
        "--concurrency", str(slots), cwd=REPO,
        stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while True:
        try:
            await SandboxClient(path).stats()
            return process
        except NotDelivered:
            if process.returncode is not None or time.monotonic() > deadline:
                raise SystemExit(f"the sandbox service at {path} did not start") from None
            await asyncio.sleep(0.05)


async def throughput(pool: SandboxPool, code: str, runs: int, in_flight: int) -> float:
    """Runs per second with `in_flight` callers, each starting a run when its last ends."""
    todo = iter(range(runs))

    async def caller() -> None:
        for _ in todo:
            result = await pool.run(code, timeout=5)
            assert result.status == "ok", result

    started = time.perf_counter()
    await asyncio.gather(*(caller() for _ in range(in_flight)))
    return runs / (time.perf_counter() - started)


async def measure(rounds: int) -> dict[str, dict[str, float]]:
    with tempfile.TemporaryDirectory(prefix="awaitbot-bench-") as folder:
        paths = [Path(folder) / name for name in ("a.sock", "b.sock", "wide.sock")]
        services = await asyncio.gather(
            start_service(paths[0], SLOTS),
            start_service(paths[1], SLOTS),
            start_service(paths[2], 2 * SLOTS),
        )
        setups = {
            "one": (SandboxPool.connect(paths[:1]), SLOTS),
            "two": (SandboxPool.connect(paths[:2]), 2 * SLOTS),
            "one, double slots": (SandboxPool.connect(paths[2:]), 2 * SLOTS),
        }
        try:
            for pool, _ in setups.values():  # every worker warm before timing
                await asyncio.gather(*(pool.run(HELLO) for _ in range(4)))
            rates = {w: {s: [] for s in setups} for w in WORKLOADS}
            for _ in range(rounds):
                for workload, (code, runs) in WORKLOADS.items():
                    for name, (pool, slots) in setups.items():
                        rate = await throughput(pool, code, runs, 2 * slots)
                        rates[workload][name].append(rate)
        finally:
            for service in services:
                service.terminate()
            await asyncio.gather(*(service.wait() for service in services))
    return {w: {s: statistics.median(r) for s, r in by.items()} for w, by in rates.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds per setup")
    args = parser.parse_args()
    found = asyncio.run(measure(args.rounds))
    print(f"cpus: {os.cpu_count()}  slots per service: {SLOTS}  rounds: {args.rounds}")
    print("| workload | one service | two services | two / one | one service, 2x slots |")
    print("|---|---|---|---|---|")
    for workload, rate in found.items():
        print(
            f"| {workload} | {rate['one']:.0f} runs/s | {rate['two']:.0f} runs/s "
            f"| **{rate['two'] / rate['one']:.2f}** | {rate['one, double slots']:.0f} runs/s "
            f"({rate['one, double slots'] / rate['one']:.2f}) |"
        )


if __name__ == "__main__":
    main()
