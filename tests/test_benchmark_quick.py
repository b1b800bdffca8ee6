"""The benchmark's quick mode runs in CI so that it cannot rot (budgets are its business, not this test's)."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT

pytestmark = pytest.mark.browser


def test_benchmark_quick_mode_measures_every_figure():
    result = subprocess.run([sys.executable, "benchmarks/run.py", "--quick"], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    for figure in ("macro overhead", "scale: marginal cost", "scale: extra build time", "batch:", "page weight: own JS+CSS of /checklist/",
                   "page weight: own JS+CSS of /prepare/", "search index", "recompute the lists", "5,000-row order CSV"):
        assert figure in result.stdout, figure
