"""The sections of the «Piano tipo» (DM 30 giugno 2022, n. 132) and where each part of a plan goes.

The plan's home page follows them; the simplified PIAO of bodies with fewer than 50 employees
(art. 6 of the decree) has no 2.1, 2.2 and 4.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Piao, Sezione

# code -> title, in the decree's order
SEZIONI: dict[str, str] = {
    "1": "Scheda anagrafica dell'amministrazione",
    "2.1": "Valore pubblico",
    "2.2": "Performance",
    "2.3": "Rischi corruttivi e trasparenza",
    "3.1": "Struttura organizzativa",
    "3.2": "Organizzazione del lavoro agile",
    "3.3": "Piano triennale dei fabbisogni di personale",
    "4": "Monitoraggio",
}
GRUPPI = {"2": "Valore pubblico, performance e anticorruzione", "3": "Organizzazione e capitale umano"}
NON_NEL_SEMPLIFICATO = ("2.1", "2.2", "4")

# The plan's own pages (link kinds of pages.plan_pages) in the section they belong to.
_PAGINE = {
    "2.1": (("valore_pubblico", "Valore pubblico: indirizzi e obiettivi strategici"),
            ("accessibilita", "Accessibilità fisica e digitale")),
    "2.2": (("sezione_obiettivi", "Obiettivi di performance"), ("azioni_positive", "Azioni positive e pari opportunità"),
            ("azioni_miglioramento", "Azioni di miglioramento")),
    "3.1": (("sezione_strutture", "Struttura organizzativa: strutture e responsabili"),),
}


def codice(sezione: Sezione) -> str | None:
    """A narrative section's place in the Piano tipo: declared, or its own number when that is a code."""
    if sezione.sezione_piano_tipo:
        return sezione.sezione_piano_tipo
    return sezione.numero if sezione.numero in SEZIONI else None


def sezioni_di(plan: Piao, codes: tuple[str, ...]) -> list[Sezione]:
    return [s for s in plan.sezioni if codice(s) in codes]


@dataclass
class Parte:
    codice: str
    titolo: str
    gruppo: str | None
    voci: list[tuple[str, str]] = field(default_factory=list)  # (label, link kind key) rendered as links
    prevista: bool = True  # false: not part of the simplified PIAO


def struttura(plan: Piao, links: dict) -> tuple[list[Parte], list[Sezione]]:
    """The plan's contents by Piano tipo section, and the narrative sections outside them."""
    parti = []
    for code, title in SEZIONI.items():
        group = GRUPPI.get(code.split(".")[0]) if "." in code else None
        parte = Parte(code, title, group, prevista=not (plan.piano.semplificato and code in NON_NEL_SEMPLIFICATO))
        for kind, label in _PAGINE.get(code, ()):
            if (kind, "") in links:
                parte.voci.append((label, links[(kind, "")]))
        if code == "4":
            parte.voci += [(f"Relazione sulla performance {anno}", src) for (kind, anno), src
                           in sorted(links.items(), key=lambda item: item[0][1]) if kind == "relazione"]
        for sezione in sezioni_di(plan, (code,)):
            parte.voci.append((sezione.titolo, links[("sezione", sezione.id)]))
        parti.append(parte)
    altre = [s for s in plan.sezioni if codice(s) is None]
    return parti, altre
