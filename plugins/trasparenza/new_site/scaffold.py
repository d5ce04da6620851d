"""A comune's own site repository, written from the templates in files/: its data (a skeleton to complete,
every field explained), its home page, mkdocs.yml, a Makefile, the CI templates and a README for the
office. Nothing of another ente: only what the office gives and the tool's own files. Trasparenza is a
dependency at a pinned version (requirements.txt); the theme comes with the installed package."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from trasparenza.exports import schema
from trasparenza.model.ente import DOCUMENTI, preposition_di

FILES = Path(__file__).parent / "files"
# template -> where it goes in the new site
LAYOUT = {
    "mkdocs.yml": "mkdocs.yml",
    "requirements.txt": "requirements.txt",
    "Makefile": "Makefile",
    "gitignore": ".gitignore",
    "README.md": "README.md",
    "content/index.md": "content/index.md",
    "data/ente.yaml": "data/ente.yaml",
    "data/piano.yaml": "data/piano.yaml",
    "data/struttura.yaml": "data/struttura.yaml",
    "github/pubblica.yml": ".github/workflows/pubblica.yml",
    "github/pubblica-sul-server.yml": ".github/workflows/pubblica-sul-server.yml",
    "gitlab/gitlab-ci.yml": ".gitlab-ci.yml",
}
# The two accessibility engines from the npm registry, at the versions the tool is tested with.
NPM_ENGINES = "html_codesniffer@2.5.1 accessibility-checker-engine@4.0.34"
IPA = re.compile(r"^[A-Za-z0-9_]{2,20}$")
TRIENNIO = re.compile(r"^(\d{4})-(\d{4})$")
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


class ScaffoldError(Exception):
    """What the office must change in its answers (Italian)."""


@dataclass(frozen=True)
class Answers:
    denominazione: str
    triennio: str
    documento: str = "PIAO"
    codice_ipa: str | None = None
    codice_fiscale: str | None = None
    site_url: str | None = None
    requirement: str | None = None  # what pip installs; default: this version of trasparenza

    def problems(self) -> list[str]:
        found = []
        if not self.denominazione.strip():
            found.append("--ente: scrivi il nome dell'ente, es. «Comune di Roccaverde»")
        years = TRIENNIO.match(self.triennio)
        if not years or int(years.group(2)) - int(years.group(1)) != 2:
            found.append(f"--triennio: «{self.triennio}» non è un triennio come «2026-2028»")
        if self.documento not in DOCUMENTI:
            found.append(f"--documento: «{self.documento}» non è tra " + ", ".join(f"«{d}»" for d in DOCUMENTI))
        if self.codice_ipa and not IPA.match(self.codice_ipa):
            found.append(f"--ipa: «{self.codice_ipa}» non è un codice IPA (lettere, cifre e «_», es. «c_xxxx»)")
        if self.site_url and not re.match(r"^https?://[^\s/]+", self.site_url):
            found.append(f"--indirizzo: «{self.site_url}» non è un indirizzo web (https://…)")
        return found


def tool_version() -> str:
    try:
        return version("trasparenza")
    except PackageNotFoundError:
        return "0"


def _yaml(value) -> str:
    """A scalar in YAML: null, or a double-quoted string (JSON's quoting is valid YAML)."""
    return "null" if value in (None, "") else json.dumps(value, ensure_ascii=False)


def values(answers: Answers) -> dict[str, str]:
    ente = answers.denominazione.strip()
    short, full = DOCUMENTI[answers.documento]
    first_year = answers.triennio[:4]
    kind = ente.split()[0] if ente.split()[0].lower() in ("comune", "unione", "provincia", "regione") else None
    title = f"{full.split(' (')[0]} {answers.triennio}"
    return {
        "denominazione": _yaml(ente), "tipo": _yaml(kind), "codice_ipa": _yaml(answers.codice_ipa),
        "codice_fiscale": _yaml(answers.codice_fiscale), "documento": _yaml(answers.documento),
        "titolo": _yaml(title), "triennio": answers.triennio, "annualita": first_year,
        "site_name": _yaml(f"{ente} – {short} {answers.triennio}"),
        "site_url": _yaml(answers.site_url.rstrip("/") + "/" if answers.site_url else None),
        "requirement": answers.requirement or f"trasparenza[verifica]=={tool_version()}",
        "npm_engines": NPM_ENGINES, "documento_breve": short, "nome_documento": full,
        "di_ente": preposition_di(ente), "titolo_pagina": f"{ente} – {short} {answers.triennio}",
        "prefisso": "piao",
    }


def render(template: str, given: dict[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: given[m.group(1)], template)


def files(answers: Answers) -> dict[str, str]:
    """The new site's files, path -> text."""
    given = values(answers)
    written = {target: render((FILES / source).read_text(encoding="utf-8"), given) for source, target in LAYOUT.items()}
    for name, text in schema.all_schemas().items():  # the data files' schema, for the editors
        written[f"schema/{name}"] = text
    return written


def write(folder: Path, answers: Answers) -> list[Path]:
    """Write the new site into ``folder``, which must not exist or be empty: nothing is ever overwritten."""
    problems = answers.problems()
    if problems:
        raise ScaffoldError("\n".join(problems))
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ScaffoldError(f"{folder} esiste già e non è una cartella vuota: indica una cartella nuova "
                            "(nessun file viene sovrascritto)")
    content = files(answers)
    written = []
    for relative, text in content.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    (folder / "data" / "obiettivi").mkdir(exist_ok=True)
    return written


def default_triennio(today: date) -> str:
    return f"{today.year}-{today.year + 2}"
