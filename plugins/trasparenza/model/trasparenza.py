"""How the site takes its place in the comune's «Amministrazione trasparente» (data/trasparenza.yaml):
where the obligations the plan's data do not cover are published, and the privacy notice."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .types import Nodo, Riga, UrlWeb

IdObbligo = Literal[
    "piano-prevenzione-corruzione",
    "documenti-programmazione",
    "articolazione-uffici",
    "dotazione-organica",
    "sistema-misurazione-valutazione",
    "piano-performance",
    "relazione-performance",
    "obiettivi-accessibilita",
    "catalogo-dati",
    "prevenzione-corruzione",
]


class Rinvio(Nodo):
    """An obligation published at another address (the comune's own site, a document repository)."""

    url: UrlWeb = Field(description="L'indirizzo dove l'ente pubblica il contenuto.")
    descrizione: Riga | None = Field(None, description="Che cosa si trova a quell'indirizzo, es. «Sistema di "
                                                      "misurazione e valutazione approvato con delibera n. 12/2023».")


LicenzaDati = Literal["CC-BY-4.0", "CC0-1.0", "IODL-2.0"]


class AmministrazioneTrasparente(Nodo):
    informativa_privacy: UrlWeb | None = Field(
        None, description="L'informativa sul trattamento dei dati personali dell'ente. Se manca, il piè di pagina "
                          "rimanda alla pagina del sito che dice quali dati raccoglie (nessuno).")
    contatto_rpd: str | None = Field(None, description="Il recapito del Responsabile della protezione dei dati "
                                                       "(RPD), es. un indirizzo e-mail.")
    pubblicati_altrove: dict[IdObbligo, Rinvio] = Field(
        default_factory=dict,
        description="Gli obblighi che l'ente pubblica a un altro indirizzo, es. «sistema-misurazione-valutazione» "
                    "o «relazione-performance»: la pagina dell'obbligo rimanda lì.")
    licenza_dati: LicenzaDati = Field(
        "CC-BY-4.0", description="La licenza dei dati aperti pubblicati dal sito: «CC-BY-4.0» (predefinita, chi "
                                 "riusa i dati cita la fonte), «CC0-1.0» (pubblico dominio) o «IODL-2.0».")
