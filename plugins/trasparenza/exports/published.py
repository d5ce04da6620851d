"""What the site publishes as open data: every plan's datasets as CSV and JSON, the DCAT-AP_IT catalogue,
the JSON Schemas of the data files; and what the «Dati aperti» page says about each file.

Engine-independent: the result is a map path -> bytes that any engine copies into the site.
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass, field, replace
from datetime import date

from trasparenza.exports import datapackage, dcat
from trasparenza.exports import formats
from trasparenza.analysis import history
from trasparenza.exports import datasets
from trasparenza.exports import schema
from trasparenza.model import Sito
from trasparenza.model.ente import preposition_di
from trasparenza.site.plan import PlanPages
from trasparenza.render.renderer import url_of

FOLDER = "dati"
PAGE = f"{FOLDER}/index.md"
CATALOGUE = f"{FOLDER}/catalogo.jsonld"
PACKAGE = f"{FOLDER}/{datapackage.NAME}"
_LOCAL = ("comune", "unione", "città", "citta", "provincia", "regione", "comunità", "municipio", "consorzio")


@dataclass(frozen=True)
class FileDati:
    percorso: str  # in the site: «dati/2022-2024/obiettivi.csv»
    formato: str
    byte: int


@dataclass
class DatasetPubblicato:
    dataset: datasets.Dataset  # its description: the rows are in the files
    file: list[FileDati]
    righe: int


@dataclass
class DatiPiano:
    etichetta: str
    segmento: str
    aggiornato_il: date | None
    dataset: list[DatasetPubblicato] = field(default_factory=list)

    def per_pagina(self, names: tuple[str, ...]) -> list[DatasetPubblicato]:
        """The datasets a page links (its kind's, site/kinds/), in that order."""
        by_id = {d.dataset.id: d for d in self.dataset}
        return [by_id[name] for name in names if name in by_id]


@dataclass
class DatiAperti:
    """Everything published, and the summary the «Dati aperti» page and the other pages show."""

    file: dict[str, bytes]
    piani: list[DatiPiano]
    licenza: str
    catalogo: str = CATALOGUE
    schemi: list[str] = field(default_factory=list)
    site_url: str | None = None

    pagina: str = PAGE

    @property
    def colonne(self) -> list[DatasetPubblicato]:
        """Each kind of dataset once (the newest plan's), for the documentation of its columns."""
        seen: dict[str, DatasetPubblicato] = {}
        for plan in self.piani:
            for published in plan.dataset:
                seen.setdefault(published.dataset.id, published)
        return list(seen.values())

    def per_piano(self, segmento: str) -> DatiPiano | None:
        return next((p for p in self.piani if p.segmento == segmento), None)


def publish(site: Sito, prefix: str, file_dates: dict, site_url: str | None, today: date,
            directory_urls: bool = True) -> DatiAperti:
    base = (site_url.rstrip("/") + "/") if site_url else None
    licence = site.trasparenza.licenza_dati if site.trasparenza else "CC-BY-4.0"
    ente = datasets.clean_text(site.ente.nome)
    files: dict[str, bytes] = {}
    plans: list[DatiPiano] = []
    items: list[dcat.VoceCatalogo] = []
    tables: list[dict] = []  # the CSV files' Table Schemas (datapackage.json)
    for plan in site.piani:
        pages = PlanPages(plan, prefix)

        def page_url(kind: str, item_id: str, pages=pages) -> str:
            return (base or "") + url_of(pages.src(kind, item_id), directory_urls)

        dates = history.plan_dates(plan, file_dates)
        updated = dates.aggiornato_il or dates.pubblicato_il
        summary = DatiPiano(plan.piano.etichetta, plan.piano.segmento, updated)
        meta = {"ente": ente, "piano": datasets.clean_text(plan.piano.etichetta), "licenza": dcat.LICENCES[licence][1],
                "aggiornato_il": updated.isoformat() if updated else None}
        for dataset in datasets.datasets(plan, page_url):
            published = []
            for fmt, content in ((f.key, f.write(dataset, meta)) for f in formats.FORMATS):
                path = f"{FOLDER}/{plan.piano.segmento}/{dataset.id}.{fmt}"
                files[path] = content
                published.append(FileDati(path, fmt, len(content)))
                if fmt == "csv":
                    tables.append(datapackage.resource(dataset, plan.piano.segmento,
                                                       posixpath.relpath(path, FOLDER), plan.piano.etichetta))
            # The rows are in the files now: the build keeps their number, not a copy of the plan.
            summary.dataset.append(DatasetPubblicato(replace(dataset, righe=[]), published, len(dataset.righe)))
            items.append(dcat.VoceCatalogo(
                f"{plan.piano.segmento}-{dataset.id}", dataset.titolo, dataset.descrizione, dataset.tema, updated,
                plan is site.corrente, _address(PAGE, base, CATALOGUE, directory_urls),
                [dcat.Distribuzione(f.formato, _address(f.percorso, base, CATALOGUE), f.byte) for f in published],
                _years(plan), (site.documento[0], dataset.nome.lower(), "amministrazione trasparente")))
        plans.append(summary)
    address = site.ente.email or site.ente.pec
    document = dcat.catalogue(ente, site.ente.codice_ipa, _address("index.md", base, CATALOGUE, directory_urls),
                              _address(PAGE, base, CATALOGUE, directory_urls), licence, items, today,
                              site.documento, base=base + CATALOGUE if base else None,
                              contatto=dcat.Contatto(ente, address) if address else None, locale=_local(site))
    files[CATALOGUE] = (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    files[PACKAGE] = datapackage.package(f"Dati aperti del {site.documento[1]} {preposition_di(ente)}",
                                         site.ente.codice_ipa, licence, tables, base)
    schemas = []
    for name, text in schema.all_schemas().items():
        files[f"{schema.FOLDER}/{name}"] = text.encode("utf-8")
        schemas.append(f"{schema.FOLDER}/{name}")
    return DatiAperti(files, plans, licence, schemi=schemas, site_url=base)


def _years(plan) -> tuple[int, int] | None:
    start, end = plan.piano.anno_inizio, plan.piano.anno_fine
    return (start, end) if start and end else None


def _local(site: Sito) -> bool:
    """A local authority (ADMS publisher type): a comune, an unione, a provincia…"""
    return any((text or "").lower().startswith(_LOCAL) for text in (site.ente.tipo, site.ente.denominazione))


def _address(src: str, base: str | None, beside: str, directory_urls: bool = True) -> str:
    """An address for the catalogue: absolute on the site's address, otherwise relative to the catalogue."""
    target = url_of(src, directory_urls)
    if base:
        return base + target
    rel = posixpath.relpath("/" + target, "/" + posixpath.dirname(beside))
    return rel + "/" if (target == "" or target.endswith("/")) and not rel.endswith("/") else rel
