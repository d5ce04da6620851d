"""The benchmark keeps working (it is run by hand with `make bench`; here only on tiny sites, with no timing check)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ENV, REPO


def test_benchmark_runs_on_small_sites(tmp_path):
    figures = tmp_path / "misure.json"
    result = subprocess.run([sys.executable, str(REPO / "bench/run.py"), "20", "40", "--ripetizioni", "1",
                             "--json", str(figures)], env=ENV, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "| obiettivi | pagine Trasparenza | pagine/s Trasparenza | pagine/s vanilla |" in result.stdout
    assert [line.split("|")[1].strip() for line in result.stdout.splitlines()
            if line.startswith("| ") and line.split("|")[1].strip().isdigit()] == ["20", "40"]
    assert '"obiettivi": 40' in figures.read_text(encoding="utf-8")


def test_the_synthetic_sites_build_strictly_with_two_plans(tmp_path):
    """Both generators, two plan years: the data validate and both sites build with --strict."""
    for script in ("genera.py", "vanilla.py"):
        root = tmp_path / script
        subprocess.run([sys.executable, str(REPO / "bench" / script), "30", str(root), "--piani", "2"], env=ENV,
                       check=True, capture_output=True, timeout=60)
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=root, env=ENV,
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
        assert (root / "site_build/piao/2025-2027/obiettivi/obiettivo-1/index.html").is_file()
