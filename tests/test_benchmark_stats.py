"""benchmarks/run.py's bootstrap interval: what it says about a noisy ratio."""
from __future__ import annotations

import importlib.util
import random
import re

from conftest import ROOT

spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)


def bounds(text: str) -> tuple[float, float]:
    low, high = re.fullmatch(r"90 % bootstrap interval (\S+) to (\S+)", text).groups()
    return float(low), float(high)


def timings(centre: float, spread: float, n: int = 31, seed: int = 3) -> list[float]:
    rng = random.Random(seed)
    return [centre * (1 + spread * (rng.random() - 0.5)) for _ in range(n)]


def test_interval_holds_the_ratio_and_shrinks_with_the_noise():
    noisy = {"a": timings(2.2, 0.6), "b": timings(2.0, 0.6, seed=4)}
    quiet = {"a": timings(2.2, 0.02), "b": timings(2.0, 0.02, seed=4)}
    low, high = bounds(bench.interval(bench.median_ratio, noisy))
    assert low <= bench.median_ratio(noisy) <= high
    q_low, q_high = bounds(bench.interval(bench.median_ratio, quiet))
    assert q_low <= 1.1 <= q_high or abs(q_low - 1.1) < 0.02
    assert (q_high - q_low) < (high - low) / 5
    assert bench.interval(bench.median_ratio, noisy) == bench.interval(bench.median_ratio, noisy), "a fixed seed"


def test_interval_of_identical_timings_is_a_point_and_zero_division_is_infinite():
    assert bounds(bench.interval(bench.median_ratio, {"a": [3.0] * 5, "b": [2.0] * 5})) == (1.5, 1.5)
    assert bench.interval(bench.median_ratio, {"a": [1.0] * 3, "b": [0.0] * 3}) == "90 % bootstrap interval inf to inf"
