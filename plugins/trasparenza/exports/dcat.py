"""The DCAT-AP_IT catalogue of the site's datasets, in JSON-LD, ready for dati.gov.it to harvest.

Mandatory classes and properties (``italia/linee-guida-cataloghi-dati-dcat-ap-it``): the Catalog with
title, description, publisher, modified and its datasets; each Dataset with identifier
``<codice IPA>:<id>``, title, description, modified, theme (EU data-theme), rights holder,
accrual periodicity (EU frequency) and distributions; each Distribution with format (EU file type),
access URL and licence; the Agent with its IPA code and name. Every resource the EU DCAT-AP shapes check
carries its class (frequency, language, format, media type, documents), so that the catalogue passes them
without the harvester's vocabularies (tests/test_dati_aperti.py validates every site's catalogue). With
``site_url`` every address is absolute (``@base`` is the catalogue's own address); without it they are
relative to the catalogue file, and `validate` asks for the address.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from trasparenza.exports import formats
from trasparenza.model.ente import preposition_di

EU = "http://publications.europa.eu/resource/authority/"
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "dcatapit": "http://dati.gov.it/onto/dcatapit#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
}
# The licences offered (data/trasparenza.yaml, «licenza_dati»): the Italian controlled vocabulary's
# entry, its reference document and its name.
LICENCES = {
    "CC-BY-4.0": ("https://w3id.org/italia/controlled-vocabulary/licences/A21_CCBY40",
                  "https://creativecommons.org/licenses/by/4.0/",
                  "Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)"),
    "CC0-1.0": ("https://w3id.org/italia/controlled-vocabulary/licences/A11_CCO10",
                "https://creativecommons.org/publicdomain/zero/1.0/",
                "Creative Commons CC0 1.0 Universale - Dedicazione al pubblico dominio (CC0 1.0)"),
    "IODL-2.0": ("https://w3id.org/italia/controlled-vocabulary/licences/A29_IODL20",
                 "https://www.dati.gov.it/iodl/2.0/", "Italian Open Data License 2.0 (IODL 2.0)"),
}
MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
ADMS_LICENCE_TYPE = "http://purl.org/adms/licencetype/"
ADMS_PUBLISHER_TYPE = "http://purl.org/adms/publishertype/"
_LICENCE_TYPES = {"CC-BY-4.0": "Attribution", "CC0-1.0": "PublicDomain", "IODL-2.0": "Attribution"}


@dataclass(frozen=True)
class Distribuzione:
    formato: str  # «csv», «json»
    indirizzo: str  # as it appears in the catalogue (absolute, or relative to it)
    byte: int


@dataclass(frozen=True)
class VoceCatalogo:
    id: str  # unique in the site: «2022-2024-obiettivi»
    titolo: str
    descrizione: str
    tema: str
    modificato: date | None
    in_vigore: bool  # the plan in force is updated (monitoring, variations); earlier plans no longer
    pagina: str  # the «Dati aperti» page
    distribuzioni: list[Distribuzione]
    periodo: tuple[int, int] | None = None  # the plan's years
    parole: tuple[str, ...] = ()  # keywords


@dataclass(frozen=True)
class Contatto:
    """The catalogue's contact point: the ente's e-mail (or PEC) from ente.yaml."""

    nome: str
    email: str


def _lit(text: str) -> dict:
    return {"@value": text, "@language": "it"}


def _day(value: date) -> dict:
    return {"@value": value.isoformat(), "@type": "xsd:date"}


def _ref(iri: str, kind: str) -> dict:
    """A resource of a controlled vocabulary, with the class the DCAT-AP shapes expect of it."""
    return {"@id": iri, "@type": kind}


def catalogue(ente_nome: str, codice_ipa: str | None, homepage: str, page: str, licence: str,
              items: list[VoceCatalogo], today: date, documento: tuple[str, str] = ("PIAO", "Piano integrato di "
                                                                                   "attività e organizzazione"),
              base: str | None = None, contatto: Contatto | None = None, locale: bool = True) -> dict:
    """The JSON-LD document. ``documento``: the plan's kind, short and full name («PIAO», «Piano della
    performance»); ``base``: the catalogue's absolute address; ``locale``: the ente is a local authority.
    Without an IPA code the identifiers use the datasets' own ids only (`validate` asks for the code)."""
    agent_id = "#ente"
    licence_uri, licence_doc, licence_name = LICENCES[licence]
    agent = {"@id": agent_id, "@type": ["foaf:Agent", "dcatapit:Agent"], "foaf:name": _lit(ente_nome)}
    if codice_ipa:
        agent["dct:identifier"] = codice_ipa
    if locale:
        agent["dct:type"] = {"@id": ADMS_PUBLISHER_TYPE + "LocalAuthority", "@type": "skos:Concept",
                             "skos:inScheme": dict(_ref(ADMS_PUBLISHER_TYPE + "1.0", "skos:ConceptScheme"),
                                                   **{"dct:title": {"@value": "Publisher Type", "@language": "en"}}),
                             "skos:prefLabel": {"@value": "Local Authority", "@language": "en"}}
    language = _ref(EU + "language/ITA", "dct:LinguisticSystem")
    contact = None
    if contatto is not None:
        contact = {"@id": "#contatto", "@type": ["vcard:Organization", "vcard:Kind", "dcatapit:Organization"],
                   "vcard:fn": contatto.nome, "vcard:hasEmail": {"@id": "mailto:" + contatto.email}}
    modified = max((item.modificato for item in items if item.modificato), default=today)
    catalog = {
        "@id": "#catalogo", "@type": ["dcat:Catalog", "dcatapit:Catalog"],
        "dct:title": _lit(f"Catalogo dei dati del {documento[0]} {preposition_di(ente_nome)}"),
        "dct:description": _lit(f"I dati aperti del {documento[1]} {preposition_di(ente_nome)}: "
                                "obiettivi, fasi, indicatori, strutture e azioni, in CSV e JSON."),
        "dct:publisher": {"@id": agent_id}, "dct:modified": _day(modified),
        "dct:language": language, "foaf:homepage": _ref(homepage, "foaf:Document"),
        "dcat:themeTaxonomy": dict(_ref(EU + "data-theme", "skos:ConceptScheme"),
                                   **{"dct:title": {"@value": "Data theme", "@language": "en"}}),
        "dct:license": {"@id": licence_uri},
        "dcat:dataset": [{"@id": f"#{item.id}"} for item in items],
    }
    graph: list[dict] = [catalog, agent, {
        "@id": licence_uri, "@type": ["dct:LicenseDocument", "dcatapit:LicenseDocument"],
        "foaf:name": _lit(licence_name), "dct:type": {"@id": ADMS_LICENCE_TYPE + _LICENCE_TYPES[licence]},
        "dcatapit:referenceDoc": {"@value": licence_doc, "@type": "xsd:anyURI"},
    }]
    if contact:
        graph.append(contact)
    for item in items:
        dataset = {
            "@id": f"#{item.id}", "@type": ["dcat:Dataset", "dcatapit:Dataset"],
            "dct:identifier": f"{codice_ipa}:{item.id}" if codice_ipa else item.id,
            "dct:title": _lit(item.titolo), "dct:description": _lit(item.descrizione),
            "dct:modified": _day(item.modificato or modified),
            "dcat:theme": {"@id": EU + "data-theme/" + item.tema},
            "dct:publisher": {"@id": agent_id}, "dct:rightsHolder": {"@id": agent_id},
            "dct:accrualPeriodicity": _ref(EU + "frequency/" + ("IRREG" if item.in_vigore else "NEVER"), "dct:Frequency"),
            "dct:language": language, "dcat:landingPage": _ref(item.pagina, "foaf:Document"),
            "dcat:distribution": [{"@id": f"#{item.id}-{d.formato}"} for d in item.distribuzioni],
        }
        if item.parole:
            dataset["dcat:keyword"] = [_lit(word) for word in item.parole]
        if item.periodo:
            dataset["dct:temporal"] = {"@type": "dct:PeriodOfTime",
                                       "dcat:startDate": _day(date(item.periodo[0], 1, 1)),
                                       "dcat:endDate": _day(date(item.periodo[1], 12, 31))}
        if contact:
            dataset["dcat:contactPoint"] = {"@id": "#contatto"}
        graph.append(dataset)
        for d in item.distribuzioni:
            name, media = formats.BY_KEY[d.formato].name, formats.BY_KEY[d.formato].media_type
            graph.append({
                "@id": f"#{item.id}-{d.formato}", "@type": ["dcat:Distribution", "dcatapit:Distribution"],
                "dct:title": _lit(f"{item.titolo} ({name})"),
                "dct:description": _lit(f"{item.titolo}: il file in formato {name}."),
                "dct:format": _ref(EU + "file-type/" + name, "dct:MediaTypeOrExtent"),
                "dcat:mediaType": _ref(MEDIA_TYPES + media, "dct:MediaType"),
                "dcat:accessURL": {"@id": d.indirizzo}, "dcat:downloadURL": {"@id": d.indirizzo},
                "dct:license": {"@id": licence_uri},
                "dcat:byteSize": {"@value": str(d.byte), "@type": "xsd:decimal"},
            })
    context = dict(CONTEXT, **({"@base": base} if base else {}))
    return {"@context": context, "@graph": graph}
