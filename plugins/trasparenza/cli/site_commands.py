"""`trasparenza nuovo sito CARTELLA` (a comune's own site repository) and `trasparenza aggiorna` (what the
installed version asks of a site's data)."""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path

from trasparenza.new_site import scaffold
from trasparenza.problems import os_reason

QUESTIONS = (  # attribute, question, required
    ("ente", "Nome dell'ente (es. Comune di Roccaverde)", True),
    ("ipa", "Codice IPA (www.indicepa.gov.it, es. c_xxxx; invio se non lo sapete)", False),
    ("codice_fiscale", "Codice fiscale dell'ente (invio se non lo sapete)", False),
    ("documento", "Tipo di documento: " + ", ".join(scaffold.DOCUMENTI) + " [PIAO]", False),
    ("triennio", "Triennio del piano (es. {default})", False),
)


def _ask(args) -> None:
    """Ask for what the options did not give, when someone is at the terminal."""
    default = scaffold.default_triennio(date.today())
    for name, question, required in QUESTIONS:
        if getattr(args, name) is not None:
            continue
        if not sys.stdin.isatty():
            if required:
                raise scaffold.ScaffoldError(f"--{name.replace('_', '-')}: manca (es. --ente \"Comune di Roccaverde\")")
            continue
        answer = input(question.format(default=default) + ": ").strip()
        setattr(args, name, answer or None)


def nuovo_sito(args) -> int:
    folder = Path(args.titolo)
    try:
        _ask(args)
        answers = scaffold.Answers(
            denominazione=args.ente, triennio=args.triennio or scaffold.default_triennio(date.today()),
            documento=args.documento or "PIAO", codice_ipa=args.ipa, codice_fiscale=args.codice_fiscale,
            site_url=args.indirizzo, requirement=args.pacchetto)
        written = scaffold.write(folder, answers)
    except scaffold.ScaffoldError as exc:
        print(f"Sito non creato:\n{exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"Impossibile scrivere in {folder}: {os_reason(exc)}", file=sys.stderr)
        return 2
    print(f"Creato il sito {answers.denominazione} in {folder} ({len(written)} file). Prossimi passi:")
    print(f"  cd {folder}")
    print("  make anteprima        # installa Trasparenza (in .venv/) e apre l'anteprima su http://127.0.0.1:8000/")
    print("  completate data/ente.yaml e data/piano.yaml, poi aggiungete le strutture, "
          + ("la sottosezione 2.3 (rischi corruttivi e trasparenza)" if answers.documento == "PIAO semplificato"
             else "gli obiettivi e la sottosezione 2.3 (rischi corruttivi e trasparenza)") + " (README.md)")
    print("  git init -b main && git add -A && git commit -m \"Il sito del piano\"   # e un «push» per pubblicare")
    return 0


def aggiorna(args) -> int:
    """Whether the site's data suits the installed version, and what to change if not."""
    from trasparenza import project
    from trasparenza.loading.settings import CONFIG_FILE, read_settings

    root = Path(args.cartella)
    installed = scaffold.tool_version()
    pinned = _pinned(root / "requirements.txt")
    print(f"Trasparenza installata: {installed}" + (f"; requirements.txt chiede {pinned}" if pinned else ""))
    if pinned and pinned != installed:
        print(f"Le versioni non coincidono: eseguite «make aggiorna» dopo aver salvato requirements.txt, "
              f"oppure installate la {pinned}.")
        return 1
    try:
        settings, config_issues = read_settings(root / CONFIG_FILE)
        result = project.check(root, settings, project.today())
    except (OSError, ValueError) as exc:
        print(f"{root}: {exc}", file=sys.stderr)
        return 2
    errors = [i for i in config_issues + result.issues if i.severity == "errore"]
    for issue in errors:
        print(issue.format())
    if errors:
        print(f"I dati vanno modificati per la versione {installed}: vedete sopra che cosa cambiare, e il "
              "registro delle modifiche (CHANGELOG.md di Trasparenza).")
        return 1
    print(f"I dati sono validi per la versione {installed}: nessuna modifica necessaria.")
    return 0


def _pinned(path: Path) -> str | None:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    found = re.search(r"^\s*trasparenza(?:\[[^\]]*\])?\s*==\s*([\w.]+)", text, re.M)
    return found.group(1) if found else None
