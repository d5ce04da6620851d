"""The benchmark keeps working (it is run by hand; here only on a tiny plan, with no timing check)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ENV, REPO


def test_benchmark_runs_on_a_small_plan():
    result = subprocess.run([sys.executable, str(REPO / "bench/build_scale.py"), "20", "40"], env=ENV,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "tempo per pagina a 40 obiettivi / a 20 obiettivi" in result.stdout
