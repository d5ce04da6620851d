"""Command line: `trasparenza validate`, `trasparenza schema`, `trasparenza check-a11y`.

Output is Italian: the people running it are a communication office's staff.
Data mistakes never produce a traceback; a genuine bug produces a short notice.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import AVVISO, ERRORE


def _data_dir(path: Path) -> Path:
    """Accept either the project folder (with data/ inside) or the data folder itself."""
    return path / "data" if (path / "data").is_dir() else path


def validate(args) -> int:
    from .validate import load_plan

    data_dir = _data_dir(Path(args.cartella))
    from .plugin import _today

    plan, issues = load_plan(data_dir, Path.cwd(), _today())
    for issue in issues:
        print(issue.format())
    errors = sum(1 for i in issues if i.severity == ERRORE)
    warnings = sum(1 for i in issues if i.severity == AVVISO)
    if plan is not None:
        print(f"Dati letti da {data_dir}: {len(plan.obiettivi)} obiettivi, {len(plan.strutture)} strutture, "
              f"{len(plan.azioni_positive_tutte())} azioni positive, {len(plan.sezioni)} sezioni.")
    print(f"Risultato: {errors} errori, {warnings} avvisi.")
    if errors or (args.rigoroso and warnings):
        return 1
    return 0


def schema(args) -> int:
    from .validate import FILES, FOLDERS

    out = Path(args.uscita)
    out.mkdir(parents=True, exist_ok=True)
    kinds = {name: model for name, (_, model) in FILES.items()}
    kinds.update({f"{folder}/*.yaml": model for folder, (_, model) in FOLDERS.items()})
    for name, model in kinds.items():
        target = out / (name.replace("/*", "").replace(".yaml", "") + ".schema.json")
        target.write_text(json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2), encoding="utf-8")
        print(f"Scritto {target} (per {name})")
    return 0


def check_a11y(args) -> int:
    from . import a11y

    site = Path(args.sito)
    if not (site / "index.html").is_file():
        print(f"{site} non contiene un sito costruito (manca index.html): esegui prima «make site».", file=sys.stderr)
        return 2

    def progress(number: int, total: int, result) -> None:
        state = "ok" if result.ok else f"{len(result.violations)} violazioni, {len(result.problems)} altri problemi"
        print(f"[{number}/{total}] /{result.path} – {state}", flush=True)

    try:
        report = a11y.check_site(site, progress)
    except FileNotFoundError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print()
    for line in a11y.iter_problems(report):
        print(line)
    print(f"Pagine controllate: {len(report.pages)}; violazioni WCAG/buone pratiche (axe-core): {report.violations}; "
          f"altri problemi: {report.problems}.")
    print("Esito: nessun problema trovato." if report.ok else "Esito: da correggere.")
    if args.json:
        Path(args.json).write_text(json.dumps(report.as_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
        print(f"Rapporto JSON: {args.json}")
    if args.html:
        Path(args.html).write_text(a11y.html_report(report), encoding="utf-8")
        print(f"Rapporto HTML: {args.html}")
    return 0 if report.ok else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="trasparenza", description="Strumenti per i dati del PIAO.")
    sub = parser.add_subparsers(dest="comando", required=True)
    check = sub.add_parser("validate", help="controlla i file YAML senza costruire il sito")
    check.add_argument("cartella", nargs="?", default=".", help="cartella del progetto o cartella data/")
    check.add_argument("--rigoroso", action="store_true", help="considera errori anche gli avvisi")
    check.set_defaults(func=validate)
    export = sub.add_parser("schema", help="scrive lo schema JSON dei file di dati (per gli editor)")
    export.add_argument("uscita", nargs="?", default="schema", help="cartella di destinazione")
    export.set_defaults(func=schema)
    a11y_check = sub.add_parser("check-a11y", help="verifica l'accessibilità di ogni pagina in Chromium (axe-core)")
    a11y_check.add_argument("sito", nargs="?", default="site_build", help="cartella del sito costruito")
    a11y_check.add_argument("--json", help="scrive il rapporto in formato JSON in questo file")
    a11y_check.add_argument("--html", help="scrive il rapporto in formato HTML in questo file")
    a11y_check.set_defaults(func=check_a11y)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug, not a data mistake: say so briefly
        print(f"Errore interno di Trasparenza ({type(exc).__name__}: {exc}).\n"
              "Non dipende dai tuoi dati: segnalalo agli sviluppatori allegando questo messaggio.",
              file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
