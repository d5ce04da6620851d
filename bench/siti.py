"""Many enti on one runner: the sites of this repository built one after the other, then all at once.

Run: .venv/bin/python bench/siti.py [--ripetizioni K]
Each site is a separate `mkdocs build` (a process), as a host's CI matrix would run one job per ente.
Prints the time of each site alone, the sum, the time of the parallel run (as many processes at once
as the machine has cores, then as many as the sites) and the speed-up. Figures are only comparable
within one run on one machine.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")


def sites() -> list[tuple[str, Path]]:
    found = [("radice (Alessandria)", REPO / "mkdocs.yml")]
    found += [(config.parent.name, config) for config in sorted(REPO.glob("examples/*/mkdocs.yml"))]
    return found


def build(config: Path, out: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config),
                             "-d", str(out)], cwd=config.parent, env=ENV, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"{config}: costruzione fallita\n{result.stderr}")
    return time.perf_counter() - start


def run_parallel(items: list[tuple[str, Path]], tmp: Path, workers: int) -> float:
    start = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:  # each thread waits for its own mkdocs process
        list(pool.map(lambda item: build(item[1], tmp / f"par-{workers}-{item[1].parent.name}"), items))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description="Costruzione dei siti del repository: in sequenza e in parallelo.")
    parser.add_argument("--ripetizioni", type=int, default=2, help="quante volte ripetere (si tiene il tempo migliore)")
    args = parser.parse_args()
    items = sites()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        build(items[0][1], tmp / "riscaldamento")  # the first build fills the templates' cache
        alone = {name: min(build(config, tmp / f"seq-{config.parent.name}") for _ in range(args.ripetizioni))
                 for name, config in items}
        sequence = sum(alone.values())
        parallel = {n: min(run_parallel(items, tmp, n) for _ in range(args.ripetizioni))
                    for n in sorted({cores, len(items)})}
    print(f"{'sito':<24} {'secondi':>8}")
    for name, seconds in alone.items():
        print(f"{name:<24} {seconds:>8.2f}")
    print(f"{'in sequenza (somma)':<24} {sequence:>8.2f}")
    for n, seconds in parallel.items():
        print(f"{f'in parallelo, {n} alla volta':<24} {seconds:>8.2f}  ({sequence / seconds:.2f} volte più veloce)")
    print(f"macchina: {cores} core")


if __name__ == "__main__":
    main()
