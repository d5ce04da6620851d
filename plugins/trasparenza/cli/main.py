"""Command line: `trasparenza validate`, `schema`, `check-a11y`, `check-at`; `esporta`, `importa`, `nuovo` are
in data_commands.py.

Output is Italian: the people running it are a communication office's staff.
Data mistakes never produce a traceback; a genuine bug produces a short notice.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from trasparenza.cli import data_commands
from trasparenza import project
from trasparenza.loading import safety
from trasparenza.cli.argparse_it import italiano
from trasparenza.problems import AVVISO, DA_COMPLETARE, ERRORE, internal_error, os_reason
from trasparenza.italian import quantity
from trasparenza.loading.data_folder import yaml_files
from trasparenza.loading.settings import CONFIG_FILE, Settings, read_settings
from trasparenza.model.files import FOLDERS


def validate(args) -> int:
    """Check projects (folders) or single data files with the build's own checks."""

    targets, problems = _targets(args.percorsi or ["."])
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 2
    try:
        today = project.today()
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    failed = False
    for root, (settings, config_issues, files) in targets.items():
        result = project.check(root, settings, today)
        shown = config_issues + [i for i in result.issues if files is None or (root / i.file).resolve() in files]
        if len(targets) > 1 or root.resolve() != Path.cwd().resolve():
            print(f"Progetto: {_display(root)}")
        for issue in shown:
            print(issue.format())
        if files is not None:
            others = [i for i in result.issues if i not in shown]
            names = ", ".join(_display(f) for f in sorted(files))
            print(f"Controllati: {names} (con i collegamenti al resto del piano).")
            if others:
                print(f"Negli altri file del progetto: {_count(others)}; per vederli: trasparenza validate "
                      f"{_display(root)}")
        elif result.site is not None:
            plans = result.site.piani
            counts = "; ".join(
                (f"{plan.piano.etichetta}: " if len(plans) > 1 else "")
                + f"{quantity(len(plan.obiettivi), 'obiettivo', 'obiettivi')}, "
                f"{quantity(len(plan.strutture), 'struttura', 'strutture')}, "
                f"{quantity(len(plan.azioni_positive_tutte()), 'azione positiva', 'azioni positive')}, "
                f"{quantity(len(plan.sezioni), 'sezione', 'sezioni')}"
                + (f", {quantity(len(plan.processi()), 'processo', 'processi')}, "
                   f"{quantity(len(plan.rischi_tutti()), 'rischio', 'rischi')}, "
                   f"{quantity(len(plan.misure_tutte()), 'misura di prevenzione', 'misure di prevenzione')}, "
                   f"{quantity(len(plan.obblighi.obblighi) if plan.obblighi else 0, 'obbligo', 'obblighi')} di "
                   "pubblicazione" if plan.ha_rischi else "") for plan in plans)
            what = f"{len(plans)} piani (" + counts + ")" if len(plans) > 1 else counts
            print(f"Dati letti da {_display(root / settings.data_dir)}: {what}; {quantity(len(result.pages), 'pagina', 'pagine')} da generare.")
        print(f"Risultato: {_count(shown)}.")
        errors = any(i.severity == ERRORE for i in shown)
        warnings = any(i.severity == AVVISO for i in shown)
        failed = failed or errors or (args.rigoroso and warnings)
    return 1 if failed else 0


def _count(issues) -> str:
    errors = sum(1 for i in issues if i.severity == ERRORE)
    notes = sum(1 for i in issues if i.severity == DA_COMPLETARE)
    text = f"{quantity(errors, 'errore', 'errori')}, {quantity(len(issues) - errors - notes, 'avviso', 'avvisi')}"
    return text + (f", {notes} da completare" if notes else "")


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve())) or "."
    except ValueError:
        return str(path)


def _targets(paths: list[str]):
    """Group the paths by project: {root: (settings, issues about mkdocs.yml, data files or None for all)}."""
    targets: dict = {}
    problems = []
    for text in paths:
        target = _target(Path(text))
        if isinstance(target, str):
            problems.append(f"{text}: {target}")
            continue
        root, settings, issues, files = target
        if root in targets:
            known = targets[root][2]
            files = None if known is None or files is None else known | files
        targets[root] = (settings, issues, files)
    return targets, problems


def _target(path: Path):
    """(root, settings, issues, data files or None for the whole project), or why the path is not one."""
    if not path.exists():
        return "non esiste (indica la cartella del progetto, la cartella dei dati o un file di dati)"
    path = path.resolve()
    if path.is_dir() and ((path / CONFIG_FILE).is_file() or (path / "data").is_dir()):
        return (path, *_settings(path), None)
    if path.is_file() and path.suffix not in (".yaml", ".yml"):
        return "non è un file di dati YAML (.yaml)"
    files = None if path.is_dir() else {path}
    root = _project_above(path if path.is_dir() else path.parent)
    if root is None:  # a data folder on its own: the file's folder, or the one above obiettivi/, sezioni/
        folder = path if path.is_dir() else path.parent
        data_dir = folder.parent if folder.name in FOLDERS else folder
        if files is None and not (yaml_files(folder) or any(yaml_files(folder / name) for name in FOLDERS)):
            return ("non è un progetto (manca mkdocs.yml) né una cartella di dati (nessun file .yaml): "
                    "esegui il comando nella cartella del progetto o indicala")
        if folder != data_dir and files is None:
            files = set(_yaml_under(folder))
        return (data_dir.parent, Settings(data_dir=data_dir.name), [], files)
    settings, issues = _settings(root)
    data_dir = (root / settings.data_dir).resolve()
    if not path.is_relative_to(data_dir):
        where = "" if root == Path.cwd().resolve() else f" in {_display(root)}"
        return f"non è nella cartella dei dati ({settings.data_dir}/) del progetto{where}"
    if path.is_dir() and path != data_dir:  # e.g. data/obiettivi: its files, checked with the whole plan
        files = set(_yaml_under(path))
    return (root, settings, issues, files)


def _yaml_under(folder: Path) -> list[Path]:
    return [p.resolve() for p in folder.rglob("*.y*ml") if not p.name.startswith(".")]


def _project_above(folder: Path) -> Path | None:
    return next((p for p in (folder, *folder.parents) if (p / CONFIG_FILE).is_file()), None)


def _settings(root: Path):
    config = root / CONFIG_FILE
    if not config.is_file():
        return Settings(), []
    settings, issues = read_settings(config)
    return settings, issues + safety.layout_of(config, settings)


def schema(args) -> int:
    from trasparenza.exports import schema as schemas

    if args.tipo and args.tipo not in schemas.kinds():
        print(f"tipo «{args.tipo}» sconosciuto: i tipi sono {', '.join(schemas.kinds())}", file=sys.stderr)
        return 2
    texts = schemas.all_schemas()
    if args.uscita == "-":  # standard output: one schema, or all of them keyed by file name
        if args.tipo:
            sys.stdout.write(texts[schemas.file_name(args.tipo)])
        else:
            print(json.dumps({name: json.loads(text) for name, text in texts.items()}, ensure_ascii=False, indent=2))
        return 0
    out = Path(args.uscita)
    try:
        out.mkdir(parents=True, exist_ok=True)
        for kind, (files, _) in schemas.kinds().items():
            if args.tipo in (None, kind):
                (out / schemas.file_name(kind)).write_text(texts[schemas.file_name(kind)], encoding="utf-8")
                print(f"Scritto {out / schemas.file_name(kind)} (per {files})")
        if args.tipo is None:
            (out / schemas.REFERENCE).write_text(schemas.reference(), encoding="utf-8")
            print(f"Scritto {out / schemas.REFERENCE} (il riferimento dei campi, da leggere)")
        for data_dir in args.intestazioni or []:
            changed = schemas.add_modelines(Path(data_dir), out)
            print(f"{data_dir}: riga dello schema aggiunta o aggiornata in {quantity(len(changed), 'file', 'file')}")
    except OSError as exc:
        print(f"Impossibile scrivere: {os_reason(exc)}", file=sys.stderr)
        return 2
    return 0


def check_a11y(args) -> int:
    from trasparenza.quality import a11y
    from trasparenza.quality import report as a11y_report
    from trasparenza.quality.engines import EngineMissing

    site = Path(args.sito)
    if not (site / "index.html").is_file():
        print(f"{site} non contiene un sito costruito (manca index.html): esegui prima «make site».", file=sys.stderr)
        return 2

    def progress(number: int, total: int, result) -> None:
        state = "ok" if result.ok else f"{quantity(len(result.violations), 'violazione', 'violazioni')}, {quantity(len(result.problems), 'altro problema', 'altri problemi')}"
        print(f"[{number}/{total}] /{result.path} – {state}", flush=True)

    try:
        report = a11y.check_site(site, progress)
    except (FileNotFoundError, EngineMissing) as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print()
    for line in a11y.iter_problems(report):
        print(line)
    for line in a11y_report.summary(report):
        print(line)
    print("Esito: nessun problema trovato." if report.ok else "Esito: da correggere.")
    if args.json:
        Path(args.json).write_text(json.dumps(report.as_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
        print(f"Rapporto JSON: {args.json}")
    if args.html:
        Path(args.html).write_text(a11y_report.html_report(report), encoding="utf-8")
        print(f"Rapporto HTML (con le segnalazioni da verificare a mano): {args.html}")
    return 0 if report.ok else 1


def check_at(args) -> int:
    """The section as ANAC's crawler and AgID's validator read it."""
    from trasparenza.quality import a11y
    from trasparenza.quality import agid
    from trasparenza.quality import anac

    site = Path(args.sito)
    if not (site / "index.html").is_file():
        print(f"{site} non contiene un sito costruito (manca index.html): esegui prima «make site».", file=sys.stderr)
        return 2
    print("Albero «Amministrazione trasparente», seguendo le voci ufficiali dalla pagina iniziale:")
    steps = anac.walk(site)
    for step in steps:
        where = "/" + step.url.removeprefix(anac.BASE) if step.url else f"NON TROVATA: {step.motivo}"
        print(f"  {' › '.join(step.etichette)} → {where}")
    print("Controlli AgID (pa-website-validator-ng) sulle pagine del sito:")
    try:
        results = agid.check_site(site, a11y.site_pages(site), args.indirizzo)
    except FileNotFoundError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    for result in results:
        print(f"  {result.format()}")
    ok = all(step.url for step in steps) and all(result.superato for result in results)
    print("Esito: tutte le voci raggiunte e tutti i controlli superati." if ok else "Esito: da correggere.")
    return 0 if ok else 1


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("trasparenza")
    except PackageNotFoundError:
        return "sconosciuta"


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(
        prog="trasparenza", description="Strumenti per i dati del PIAO: controllo, schema, fogli di calcolo, nuovi "
                                        "file, verifica di accessibilità.")
    main_parser.add_argument("--version", action="version", version=f"trasparenza {_version()}",
                             help="mostra la versione ed esce")
    sub = main_parser.add_subparsers(dest="comando", required=True, title="comandi", metavar="COMANDO")
    check = sub.add_parser(
        "validate", help="controlla i dati senza costruire il sito",
        description="Esegue sui dati gli stessi controlli della costruzione del sito (file obbligatori compresi). "
                    "Senza argomenti controlla la cartella corrente.")
    check.add_argument("percorsi", nargs="*", metavar="PERCORSO",
                       help="cartella del progetto (con mkdocs.yml), cartella dei dati o singoli file di dati")
    check.add_argument("--rigoroso", "--strict", dest="rigoroso", action="store_true",
                       help="considera errori anche gli avvisi, come «mkdocs build --strict»")
    check.set_defaults(func=validate)
    export = sub.add_parser("schema", help="scrive lo schema JSON dei file di dati (per gli editor)",
                            description="Scrive uno schema JSON (draft 2020-12) per ogni tipo di file di dati: "
                                        "gli editor lo usano per suggerire i campi e sottolineare gli errori. "
                                        "Lo stesso schema è pubblicato in ogni sito, in schema/.")
    export.add_argument("uscita", nargs="?", default="schema", metavar="CARTELLA",
                        help="cartella di destinazione (predefinita: schema); «-» per scrivere sullo standard output")
    export.add_argument("--tipo", metavar="TIPO",
                        help="solo lo schema di questo tipo di file (es. obiettivi, ente, piano)")
    export.add_argument("--intestazioni", metavar="DATI", action="append",
                        help="aggiunge (o aggiorna) all'inizio di ogni file di questa cartella di dati la riga "
                             "«# yaml-language-server: $schema=…» che collega il file al suo schema; ripetibile")
    export.set_defaults(func=schema)
    a11y_check = sub.add_parser("check-a11y", help="verifica l'accessibilità di ogni pagina in Chromium (axe-core, HTML_CodeSniffer, IBM Equal Access, tastiera)",
                                description="Apre ogni pagina del sito costruito in Chromium, a 1280 e 320 px di larghezza, "
                                            "con il tema chiaro e quello scuro, e la verifica con tre motori "
                                            "(axe-core, HTML_CodeSniffer, IBM Equal Access) e con un percorso da tastiera. "
                                            "I motori npm si installano con «make test» o «npm install --ignore-scripts».")
    a11y_check.add_argument("sito", nargs="?", default="site_build", metavar="SITO",
                            help="cartella del sito costruito (predefinita: site_build)")
    a11y_check.add_argument("--json", metavar="FILE", help="scrive il rapporto in formato JSON in questo file")
    a11y_check.add_argument("--html", metavar="FILE", help="scrive il rapporto in formato HTML in questo file")
    a11y_check.set_defaults(func=check_a11y)
    data_commands.add_commands(sub)
    at = sub.add_parser("check-at", help="verifica il sito come il crawler dell'ANAC e il validatore dell'AgID",
                        description="Segue dalla pagina iniziale le voci ufficiali dell'«Amministrazione trasparente» "
                                    "alimentate dal PIAO, come il crawler dell'ANAC, e ripete in Chromium i controlli "
                                    "dell'AgID su caratteri, cookie, dichiarazione di accessibilità, informativa "
                                    "privacy e note legali. Non usa la rete.")
    at.add_argument("sito", nargs="?", default="site_build", metavar="SITO",
                    help="cartella del sito costruito (predefinita: site_build)")
    at.add_argument("--indirizzo", metavar="URL",
                    help="l'indirizzo pubblico del sito (es. https://trasparenza.comune.esempio.it/): i collegamenti "
                         "relativi sono valutati su questo indirizzo, che deve essere https")
    at.set_defaults(func=check_at)
    return main_parser


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a console that cannot show «→» or «è» gets «?», not a crash
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    with italiano():
        args = parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `trasparenza validate | head`: the reader has seen enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as exc:  # a bug, not a data mistake: say so briefly
        print(internal_error(exc), file=sys.stderr)
        return 2

