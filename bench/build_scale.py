"""Benchmark: build time and peak memory as the number of objectives grows.

Run: .venv/bin/python bench/build_scale.py [N ...]   (default 100 1000)
Prints, for each size, seconds, pages, ms per page and peak RSS of the mkdocs process,
and the ratio of time per page between the largest and the smallest size.
Figures are only comparable within one run on one machine.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
UNITS = 20


def write_plan(root: Path, objectives: int) -> None:
    data = root / "data"
    (data / "obiettivi").mkdir(parents=True)
    (root / "content").mkdir()
    (root / "content/index.md").write_text("# Benchmark\n")
    (data / "ente.yaml").write_text("denominazione: Comune di Prova\n")
    (data / "piano.yaml").write_text("titolo: PIAO 2024-2026\ntriennio: 2024-2026\n")
    (data / "accessibilita.yaml").write_text(
        "url: https://form.agid.gov.it/view/benchmark/\nstato_conformita: conforme\n"
        "redazione: {metodo: autovalutazione, ultimo_riesame: null}\nfeedback: {email: a@b.it}\n")
    units = [{"id": f"settore-{u}", "tipo": "settore", "nome": f"Settore {u}", "dirigente": {"nome": f"Dirigente {u}"}}
             for u in range(UNITS)]
    (data / "struttura.yaml").write_text(yaml.safe_dump({"strutture": units}, allow_unicode=True))
    for u in range(UNITS):
        items = []
        for i in range(u, objectives, UNITS):
            items.append({
                "id": f"obiettivo-{i}", "codice": str(i), "titolo": f"Obiettivo numero {i} del settore {u}",
                "finalita": "Migliorare il servizio ai cittadini. " * 5,
                "descrizione": "Descrizione con **grassetto** e un elenco:\n\n- primo punto\n- secondo punto\n" * 2,
                "fasi": [{"codice": str(k), "descrizione": f"Fase {k} dell'obiettivo", "incidenza": 25,
                          "scadenza": f"{28 if k == 1 else 30}/0{k + 2}/2024"} for k in range(1, 5)],
                "indicatori": [{"nome": "Rispetto dei tempi", "tipo": "tempo", "valore_atteso": "100%"},
                               {"nome": "Pratiche evase", "tipo": "quantità", "valore_atteso": "≥ 90%"}],
                "risultato_atteso": "Servizio migliorato entro la scadenza.",
            })
        (data / "obiettivi" / f"settore-{u}.yaml").write_text(
            yaml.safe_dump({"struttura": f"settore-{u}", "obiettivi": items}, allow_unicode=True))
    (root / "mkdocs.yml").write_text(
        "site_name: Benchmark\ndocs_dir: content\nsite_dir: site_build\n"
        f"theme:\n  name: material\n  custom_dir: {REPO / 'theme'}\n  language: it\n  font: false\n"
        "  features: [navigation.prune]\n"
        "plugins:\n  - search\n  - trasparenza\n"
        "nav:\n  - index.md\n  - piao/2024-2026/index.md\n  - piao/2024-2026/obiettivi/index.md\n"
        "  - piao/2024-2026/strutture/index.md\n")


def measure(objectives: int) -> tuple[float, int, int]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_plan(root, objectives)
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=root, env=env,
                                capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if result.returncode:
            raise SystemExit(result.stderr)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        pages = sum(1 for _ in (root / "site_build").rglob("index.html"))
        return seconds, pages, max(peak, before)


def main(sizes: list[int]) -> None:
    rows = []
    print(f"{'obiettivi':>10} {'pagine':>7} {'secondi':>8} {'ms/pagina':>10} {'RSS max MB':>11}")
    for n in sizes:
        seconds, pages, rss_kb = measure(n)
        rows.append((n, pages, seconds))
        print(f"{n:>10} {pages:>7} {seconds:>8.2f} {1000 * seconds / pages:>10.1f} {rss_kb / 1024:>11.0f}")
    if len(rows) > 1:
        small, large = rows[0], rows[-1]
        ratio = (large[2] / large[1]) / (small[2] / small[1])
        print(f"tempo per pagina a {large[0]} obiettivi / a {small[0]} obiettivi: {ratio:.2f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1000])
