"""Whose site it is: the name the site shows comes from data/ente.yaml and the plan; the settings, the
hand-written pages and the accessibility statement's contacts must not name another ente (a repository
copied from another comune), and what the open-data catalogue needs to be harvested is asked for."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from trasparenza.checks.crossref import issue_at
from trasparenza.loading import safety
from trasparenza.loading.data_folder import display_name
from trasparenza.loading.settings import CONFIG_FILE, Settings
from trasparenza.model import Sito
from trasparenza.problems import AVVISO, DA_COMPLETARE, Issue

# «Comune di Alessandria», «Città metropolitana di Milano», «Unione dei comuni del Verbano»: the kind of ente,
# a preposition, the name (capitalised words).
_WORD = r"[A-ZÀ-Ý][\w'’-]*"
ENTE_NAME = re.compile(r"\b(?:Comune|Città(?: metropolitana)?|Unione(?: dei comuni| montana)?|Provincia|Regione|"
                       r"Municipio|Consorzio|Comunità(?: montana)?)\s+(?:di|del|della|dei|degli|delle|dell['’])\s*"
                       rf"{_WORD}(?:[ -]{_WORD})*")
_EMAIL = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")
_SIZE = 1_000_000  # a hand-written page larger than this is not read here (the build reads it)


def site_name(site: Sito, configured: str | None) -> str:
    """The site's name, from the data: «Comune di Segrate – Piano della Performance 2023-2025»; the
    configured one only where the source names no ente."""
    if site.ente.denominazione is None:
        return configured or site.corrente.piano.etichetta
    return f"{site.ente.denominazione} – {site.corrente.piano.etichetta}"


def site_description(site: Sito) -> str:
    return f"{site.documento[1]} {site.ente.di_nome}"


def check(site: Sito, root: Path, settings: Settings) -> list[Issue]:
    issues = _catalogue_needs(site, root, settings)
    ente = site.ente.denominazione
    if ente is None:
        return issues
    config = root / CONFIG_FILE
    if config.is_file():
        issues += _other_ente(config, root, ente, lambda line: line.startswith(("site_name:", "site_description:")),
                              "scrivi il nome dell'ente di data/ente.yaml, o togli la riga: il nome del sito viene "
                              "dai dati")
    docs = root / settings.docs_dir
    for page in sorted(docs.rglob("*.md")) if docs.is_dir() else []:
        if safety.refused_file(page, root) is None and page.stat().st_size <= _SIZE:
            issues += _other_ente(page, root, ente, lambda line: True,
                                  "la pagina è stata copiata dal sito di un altro ente? Riscrivila per il proprio "
                                  "(se cita davvero un altro ente, scrivine il nome in corsivo: *Comune di …*)")
    statement = site.dichiarazione
    if statement is not None and statement.source_file():
        issues += _statement_contacts(site, root / statement.source_file(), root)
    return issues


def _other_ente(path: Path, root: Path, ente: str, wanted, hint: str) -> list[Issue]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []  # the build reports an unreadable page
    issues = []
    own = _normal(ente)
    for number, line in enumerate(lines, 1):
        if not wanted(line):
            continue
        for match in ENTE_NAME.finditer(line):
            if _quoted(line, match):
                continue
            name = match.group(0)
            if not (_normal(name).startswith(own) or own.startswith(_normal(name))):
                issues.append(Issue(display_name(path, root), number, match.start() + 1, "",
                                    f"nomina «{name}», ma l'ente del sito (data/ente.yaml) è «{ente}»", hint, AVVISO))
    return issues


def _quoted(line: str, match) -> bool:
    """A name written in italics (*…* or _…_) is a deliberate mention of another ente."""
    before, after = line[:match.start()], line[match.end():]
    return before.endswith(("*", "_")) and after.startswith(("*", "_"))


def _normal(name: str) -> str:
    return " ".join(name.lower().replace("’", "'").split())


def _domain(host: str) -> str:
    """The part of an address that names the ente: «comune.segrate.mi.it» for «www.comune.segrate.mi.it»."""
    host = host.lower().strip(".")
    return host[4:] if host.startswith("www.") else host


def _statement_contacts(site: Sito, path: Path, root: Path) -> list[Issue]:
    """The statement's e-mail addresses must be the ente's: its own domain, the PEC's, or the ones of ente.yaml."""
    ente = site.ente
    own = {_domain(urlsplit(ente.sito).hostname or "")} if ente.sito else set()
    own |= {_domain(address.rsplit("@", 1)[1]) for address in (ente.email, ente.pec) if address and "@" in address}
    own.discard("")
    if not own:
        return []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    issues = []
    for number, line in enumerate(lines, 1):
        if line.lstrip().startswith("#"):
            continue
        for match in _EMAIL.finditer(line):
            domain = _domain(match.group(1))
            if not any(domain == d or domain.endswith("." + d) or d.endswith("." + domain) for d in own) \
                    and not _pec_provider(domain):
                field = line.split(":", 1)[0].strip(" -") if ":" in line[:match.start()] else ""
                issues.append(Issue(display_name(path, root), number, match.start() + 1, field,
                                    f"il recapito «{match.group(0)}» non è dell'ente del sito (data/ente.yaml: "
                                    f"{', '.join(sorted(own))})",
                                    "scrivi i recapiti del proprio ente: la dichiarazione di accessibilità è "
                                    "dell'ente che pubblica il sito", AVVISO))
    return issues


# Certified e-mail (PEC) often sits on a provider's domain: «comune.x@legalmail.it», «protocollo@pec.comune.x.it».
_PEC_PROVIDERS = ("legalmail.it", "pec.it", "postacert.it", "cert.legalmail.it", "pec.aruba.it", "arubapec.it",
                  "cert.ruparpiemonte.it", "postecert.it", "pec.actalis.it", "mailcert.it", "pec.comune.it")


def _pec_provider(domain: str) -> bool:
    return any(domain == p or domain.endswith("." + p) for p in _PEC_PROVIDERS)


def _catalogue_needs(site: Sito, root: Path, settings: Settings) -> list[Issue]:
    """What the national catalogue needs to harvest the open data: the site's address and the IPA code;
    and the accessibility statement a new site starts without. The site is published without them; the
    office is told what to complete."""
    issues = []
    if site.dichiarazione is None and not settings.richiedi_dichiarazione and not site.ente.fittizio \
            and site.ente.denominazione:
        issues.append(Issue(display_name(root / settings.data_dir / "accessibilita.yaml", root), 1, 1, "",
                            "manca la dichiarazione di accessibilità (la pubblicazione la chiederà quando "
                            "toglierete «richiedi_dichiarazione: false» da mkdocs.yml)",
                            "compilala su form.agid.gov.it, riportane i contenuti in questo file (vedi il README) "
                            "e togli «richiedi_dichiarazione: false»", DA_COMPLETARE))
    if not settings.site_url:
        issues.append(Issue(CONFIG_FILE, 1, 1, "site_url",
                            "manca l'indirizzo del sito pubblicato: il catalogo dei dati aperti non ha indirizzi "
                            "assoluti e dati.gov.it non può raccoglierlo; nemmeno la mappa del sito (sitemap.xml) "
                            "è completa",
                            "scrivi in mkdocs.yml «site_url: https://…» con l'indirizzo a cui il sito sarà pubblicato",
                            DA_COMPLETARE))
    if not site.ente.codice_ipa:
        issues.append(issue_at(site.ente, "codice_ipa",
                            "manca il codice IPA dell'ente: il catalogo dei dati aperti non identifica l'ente e gli "
                            "identificativi dei dataset possono coincidere con quelli di altri enti",
                            "cerca l'ente su www.indicepa.gov.it e scrivi il suo codice, es. «codice_ipa: c_xxxx»",
                            DA_COMPLETARE))
    return issues
