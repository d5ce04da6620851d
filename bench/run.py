"""Benchmark of issue 13: build speed and memory of Trasparenza against plain mkdocs-material.

Run: .venv/bin/python bench/run.py [N ...] [--ripetizioni K] [--piani P] [--json FILE] [--serve]
For each N (default 1000 5000) it writes, in a temporary folder, the Trasparenza site of N objectives
(genera.py) and the same objectives as plain Markdown pages (vanilla.py), builds them alternately
(Trasparenza, vanilla, Trasparenza, vanilla…) K times each with `python -m mkdocs build`, each build in
its own child process, keeps the best time and the peak memory, and prints one table (Markdown).
With --serve it also measures edit-to-refresh in `mkdocs serve --livereload` on a copy of the
repository's own site (serve.py). Figures are only comparable within one run on one machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

from trasparenza.cli.argparse_it import italiano

import genera
import vanilla

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
HEADER = ["obiettivi", "pagine Trasparenza", "pagine/s Trasparenza", "pagine/s vanilla",
          "rapporto Trasparenza/vanilla", "tempo per pagina rispetto alla taglia minore",
          "KB HTML per pagina obiettivo", "KB indice di ricerca per pagina",
          "RSS max MB Trasparenza", "RSS max MB vanilla", "memoria totale MB Trasparenza"]
LEGEND = """\
vanilla: gli stessi obiettivi come pagine Markdown di un sito mkdocs-material, senza Trasparenza.
pagine: file HTML prodotti; pagine/s: pagine divise per {tempo} (processo intero, avvio di Python compreso).
rapporto Trasparenza/vanilla: pagine/s di Trasparenza divise per quelle del sito semplice (meno di 1: Trasparenza \
è più lenta per pagina).
tempo per pagina rispetto alla taglia minore: ms per pagina a N obiettivi divisi per quelli a {smallest} obiettivi \
(1 = crescita lineare).
KB: 1024 byte; RSS max: picco di memoria residente del processo più grande della costruzione (massimo tra le \
costruzioni).
memoria totale: picco della somma della memoria (PSS, le pagine condivise divise tra i processi) di tutti i processi \
della costruzione, campionata ogni {intervallo} s: conta anche i processi paralleli che disegnano le pagine."""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


SAMPLE_SECONDS = 0.1
BUSY = 0.7  # one-minute load average above which the figures are not reliable


@dataclass
class Build:
    seconds: float
    rss_kb: int
    pss_kb: int


def _children() -> dict[int, list[int]]:
    """Parent pid -> child pids, from /proc (whose task/*/children is not available on every kernel)."""
    children: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                stat = Path(f"/proc/{name}/stat").read_text()
            except OSError:  # gone meanwhile
                continue
            children.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(name))
    return children


def tree_pss_kb(pid: int) -> int:
    """Proportional set size of a process and all its descendants, in kilobytes (0 where unreadable)."""
    children, total, todo = _children(), 0, [pid]
    while todo:
        current = todo.pop()
        todo += children.get(current, [])
        try:
            with open(f"/proc/{current}/smaps_rollup") as rollup:
                total += next((int(line.split()[1]) for line in rollup if line.startswith("Pss:")), 0)
        except OSError:
            pass
    return total


class TreeMemory(threading.Thread):
    """Samples the memory of a process tree until stopped; .peak_kb is the largest sum seen."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_kb, self.done = pid, 0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(SAMPLE_SECONDS):
            self.peak_kb = max(self.peak_kb, tree_pss_kb(self.pid))


@dataclass
class Row:
    obiettivi: int
    pagine: int
    pagine_vanilla: int
    secondi: list[float] = field(default_factory=list)
    secondi_vanilla: list[float] = field(default_factory=list)
    rss_kb: int = 0
    rss_kb_vanilla: int = 0
    pss_kb: int = 0
    pss_kb_vanilla: int = 0
    byte_html_pagina_obiettivo: float = 0.0
    byte_indice_ricerca: int = 0

    @property
    def rate(self) -> float:
        return self.pagine / min(self.secondi)

    @property
    def rate_vanilla(self) -> float:
        return self.pagine_vanilla / min(self.secondi_vanilla)


def build(root: Path) -> Build:
    """One `mkdocs build` in a fresh child process: wall time, and the peak RSS of that child alone.

    os.wait4 returns the resource usage of the one process it reaps (with the descendants it waited
    for), unlike getrusage(RUSAGE_CHILDREN), which is the maximum over every child ever waited for."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "--strict"], cwd=root, env=ENV,
                                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errors)
        sampler = TreeMemory(child.pid)
        sampler.start()
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        sampler.done.set()
        sampler.join()
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait for it again
        if child.returncode:
            errors.seek(0)
            raise SystemExit(f"La costruzione di {root} non è riuscita (codice {child.returncode}):\n"
                             + errors.read().decode(errors="replace"))
    return Build(seconds, usage.ru_maxrss, sampler.peak_kb)  # kilobytes on Linux


def html_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


def measure(n: int, repetitions: int, piani: int, work: Path) -> Row:
    ours, plain = work / f"trasparenza-{n}", work / f"vanilla-{n}"
    log(f"{n} obiettivi: scrivo i due siti in {work}…")
    items = genera.write_site(ours, n, piani)
    vanilla.write_site(plain, n, piani)
    row = Row(n, 0, 0)
    for r in range(repetitions):
        for name, root, times in (("Trasparenza", ours, row.secondi), ("vanilla", plain, row.secondi_vanilla)):
            result = build(root)
            times.append(result.seconds)
            if root == ours:
                row.rss_kb, row.pss_kb = max(row.rss_kb, result.rss_kb), max(row.pss_kb, result.pss_kb)
            else:
                row.rss_kb_vanilla = max(row.rss_kb_vanilla, result.rss_kb)
                row.pss_kb_vanilla = max(row.pss_kb_vanilla, result.pss_kb)
            log(f"  costruzione {r + 1}/{repetitions} {name}: {result.seconds:.2f} s, RSS max "
                f"{result.rss_kb / 1024:.0f} MB, memoria totale {result.pss_kb / 1024:.0f} MB")
    site = ours / "site_build"
    row.pagine, row.pagine_vanilla = html_pages(site), html_pages(plain / "site_build")
    pages = [site / "piao" / o.triennio / "obiettivi" / o.id / "index.html" for o in items]
    missing = [p for p in pages if not p.is_file()]
    if missing:
        raise SystemExit(f"Manca la pagina dell'obiettivo {missing[0]}: gli indirizzi delle pagine sono cambiati?")
    row.byte_html_pagina_obiettivo = sum(p.stat().st_size for p in pages) / len(pages)
    row.byte_indice_ricerca = (site / "search/search_index.json").stat().st_size
    return row


def number(value: float, digits: int) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


def table(rows: list[Row]) -> str:
    smallest = min(rows, key=lambda row: row.obiettivi)
    base = min(smallest.secondi) / smallest.pagine
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---:|" * len(HEADER)]
    for row in rows:
        cells = [str(row.obiettivi), str(row.pagine), number(row.rate, 1), number(row.rate_vanilla, 1),
                 number(row.rate / row.rate_vanilla, 2), number(min(row.secondi) / row.pagine / base, 2),
                 number(row.byte_html_pagina_obiettivo / 1024, 1), number(row.byte_indice_ricerca / 1024 / row.pagine, 1),
                 number(row.rss_kb / 1024, 0), number(row.rss_kb_vanilla / 1024, 0), number(row.pss_kb / 1024, 0)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def machine() -> dict:
    """The facts that make figures comparable: CPUs available, CPU model, Python, MkDocs and Material."""
    cpuinfo = Path("/proc/cpuinfo")
    lines = cpuinfo.read_text().splitlines() if cpuinfo.exists() else []
    model = next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")),
                 platform.processor() or "sconosciuto")
    versions = {}
    for package in ("mkdocs", "mkdocs-material"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "?"
    return {"nproc": len(os.sched_getaffinity(0)), "cpu": model, "python": platform.python_version(), **versions}


def main(argv: list[str] | None = None) -> None:
    with italiano():
        cli = argparse.ArgumentParser(
            prog="run.py", description="Misura velocità e memoria della costruzione di un sito di Trasparenza con N "
            "obiettivi, a confronto con le stesse pagine in un sito mkdocs-material senza Trasparenza.")
        cli.add_argument("taglie", metavar="N", type=int, nargs="*", default=[1000, 5000],
                         help="numeri di obiettivi da provare (predefinito: 1000 5000)")
        cli.add_argument("--ripetizioni", metavar="K", type=int, default=2,
                         help="costruzioni di ciascun sito per taglia, alternate; vale la più veloce (predefinito: 2)")
        cli.add_argument("--piani", type=int, default=1,
                         help=f"su quanti piani distribuire gli obiettivi, da 1 a {len(genera.TRIENNI)} (predefinito: 1)")
        cli.add_argument("--json", metavar="FILE", type=Path, help="salva anche le misure in questo file JSON")
        cli.add_argument("--serve", action="store_true",
                         help="misura anche il tempo tra la modifica di un file di dati e la pagina aggiornata "
                              "in `mkdocs serve --livereload`, sul sito del repository")
        cli.add_argument("--solo-serve", action="store_true", help="solo la misura di --serve, senza le costruzioni")
        args = cli.parse_args(argv)
        if args.ripetizioni < 1:
            cli.error("--ripetizioni deve essere almeno 1")
        if any(n < 1 for n in args.taglie):
            cli.error("ogni N deve essere almeno 1")
    facts = machine()
    log(f"Macchina: {facts['nproc']} CPU ({facts['cpu']}), Python {facts['python']}, "
        f"MkDocs {facts['mkdocs']}, Material {facts['mkdocs-material']}")
    load = os.getloadavg()[0]
    if load > BUSY:
        log(f"Attenzione: la macchina è già occupata (carico medio dell'ultimo minuto {load:.1f}): "
            "i tempi saranno più lunghi e più variabili. Meglio misurare senza altri lavori in corso.")
    report: dict = {"macchina": facts, "ripetizioni": args.ripetizioni, "piani": args.piani, "carico_iniziale": load}
    if not args.solo_serve:
        rows = []
        with tempfile.TemporaryDirectory(prefix="trasparenza-bench-") as tmp:
            for n in sorted(set(args.taglie)):
                rows.append(measure(n, args.ripetizioni, args.piani, Path(tmp)))
        print(table(rows))
        print()
        best = "il tempo di una costruzione" if args.ripetizioni == 1 else f"il tempo migliore di {args.ripetizioni} costruzioni"
        print(LEGEND.format(tempo=best, smallest=rows[0].obiettivi, intervallo=number(SAMPLE_SECONDS, 1)))
        report["costruzione"] = [asdict(row) for row in rows]
    if args.serve or args.solo_serve:
        import serve
        report["serve"] = serve.main()
    report["carico_finale"] = os.getloadavg()[0]
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        log(f"Misure salvate in {args.json}")


if __name__ == "__main__":
    main()
