"""Lighthouse on a page of every kind, for a phone and for a computer: accessibility score and cumulative
layout shift (issue 25). Lighthouse comes from the npm registry (`make lighthouse` installs the pinned
version into .lighthouse/) and drives Debian's Chromium; every site is served from 127.0.0.1 and every
other host is refused by the browser's resolver. Run after `make site`; writes bench/lighthouse.json and
fails if a page scores under 100 or shifts by 0.05 or more.

    .venv/bin/python bench/lighthouse.py [--lighthouse .lighthouse/node_modules/.bin/lighthouse]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from trasparenza.quality import a11y  # noqa: E402

SITES = {"esempio": ROOT / "examples/esempio/site_build", "salute-organizzativa": ROOT / "examples/salute-organizzativa/site_build",
         "azioni-positive": ROOT / "examples/azioni-positive/site_build", "alessandria": ROOT / "site_build",
         "segrate": ROOT / "examples/segrate/site_build", "leggiuno": ROOT / "examples/leggiuno/site_build"}
KIND = re.compile(r'data-pagina="([a-z_]+)"')
FLAGS = ("--headless=new --no-sandbox --disable-gpu "
         "--host-resolver-rules='MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'")


def samples() -> list[tuple[str, str, str]]:
    """(kind, site, path): the first page of each kind, the fictional example first."""
    found: dict[str, tuple[str, str]] = {}
    for name, site in SITES.items():
        for path in a11y.site_pages(site):
            match = KIND.search((site / (path if path.endswith(".html") else path + "index.html")).read_text("utf-8"))
            found.setdefault(match.group(1) if match else "testo", (name, path))
    return [(kind, *where) for kind, where in sorted(found.items())]


def run(lighthouse: str, url: str, desktop: bool) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "report.json"
        command = [lighthouse, url, f"--chrome-flags={FLAGS}", "--only-categories=accessibility",
                   "--only-audits=cumulative-layout-shift", "--disable-full-page-screenshot",
                   "--max-wait-for-load=20000", "--output=json", f"--output-path={out}", "--quiet"]
        if desktop:
            command.append("--preset=desktop")
        started = time.perf_counter()
        subprocess.run(command, check=True, env=dict(os.environ, CHROME_PATH=a11y.CHROMIUM), timeout=180,
                       capture_output=True)
        report = json.loads(out.read_text(encoding="utf-8"))
    failing = [ref["id"] for ref in report["categories"]["accessibility"]["auditRefs"]
               if ref["weight"] and (report["audits"][ref["id"]]["score"] or 0) < 1]
    return {"accessibilita": round(report["categories"]["accessibility"]["score"] * 100),
            "cls": round(report["audits"]["cumulative-layout-shift"]["numericValue"], 4),
            "regole_non_superate": failing, "secondi": round(time.perf_counter() - started, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description="Lighthouse su una pagina di ogni tipo (telefono e computer).")
    parser.add_argument("--lighthouse", default=str(ROOT / ".lighthouse/node_modules/.bin/lighthouse"))
    args = parser.parse_args()
    results, bad = [], 0
    for kind, name, path in samples():
        with a11y.LocalServer(SITES[name]) as server:
            for preset, desktop in (("telefono", False), ("computer", True)):
                result = {"tipo": kind, "sito": name, "pagina": "/" + path, "profilo": preset,
                          **run(args.lighthouse, server.url + path, desktop)}
                results.append(result)
                ok = result["accessibilita"] == 100 and result["cls"] < 0.05
                bad += not ok
                print(f"{'ok ' if ok else 'NO '} {kind:24} {preset:9} accessibilità {result['accessibilita']:3}  "
                      f"CLS {result['cls']:.4f}  {name}:/{path} {' '.join(result['regole_non_superate'])}", flush=True)
    (ROOT / "bench/lighthouse.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(results)} misure, {bad} sotto la soglia (accessibilità 100, CLS < 0,05)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
