"""The benchmarks' one way of timing: the median of several runs (2 shared, noisy cores make one run a
guess)."""
from __future__ import annotations

import statistics
import time


def median_seconds(action, runs: int) -> float:
    """The median wall time of ``runs`` calls of ``action()``, in seconds."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        action()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)
