"""Resource limits of one sandbox run, as named constants and one frozen dataclass."""

from __future__ import annotations

import dataclasses
import os

WALL_SECONDS = 10.0
CPU_SECONDS = 5
MEMORY_MIB = 256
OUTPUT_BYTES = 64 * 1024
SOURCE_BYTES = 20 * 1000
QUEUE_BOUND = 32
DISK_BYTES = 1024 * 1024
OPEN_FILES = 64
# RLIMIT_NPROC counts threads; the default executor wants min(32, cores + 4).
THREADS = 40
MODES = ("script", "repl")


def default_concurrency() -> int:
    return os.cpu_count() or 1


@dataclasses.dataclass(frozen=True)
class Limits:
    """What one run may use. `memory_mib` is address space on top of the warm interpreter."""

    wall_seconds: float = WALL_SECONDS
    cpu_seconds: int = CPU_SECONDS
    memory_mib: int = MEMORY_MIB
    output_bytes: int = OUTPUT_BYTES
    source_bytes: int = SOURCE_BYTES
    concurrency: int = dataclasses.field(default_factory=default_concurrency)
    queue_bound: int = QUEUE_BOUND
    disk_bytes: int = DISK_BYTES
    open_files: int = OPEN_FILES
    threads: int = THREADS

    def __post_init__(self) -> None:
        if self.concurrency < 1 or self.concurrency > 256:
            raise ValueError("concurrency must be between 1 and 256")
        if self.wall_seconds <= 0 or self.cpu_seconds <= 0 or self.memory_mib <= 0:
            raise ValueError("limits must be positive")
