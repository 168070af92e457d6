"""Small timing helpers shared by the benchmarks (medians, percentiles, ratios)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def time_each(fn: Callable[[int], object], runs: int) -> list[float]:
    """Seconds taken by fn(i) for i in range(runs)."""
    samples = []
    for i in range(runs):
        start = time.perf_counter()
        fn(i)
        samples.append(time.perf_counter() - start)
    return samples


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def p95_ms(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))] * 1000


def report(name: str, samples: list[float], baseline: list[float] | None = None) -> float | None:
    line = f"{name:48} median {median_ms(samples):8.3f} ms   p95 {p95_ms(samples):8.3f} ms"
    ratio = None
    if baseline is not None:
        ratio = statistics.median(samples) / statistics.median(baseline)
        line += f"   ratio {ratio:5.2f}"
    print(line, flush=True)
    return ratio
