"""The «Amministrazione trasparente» pages: one per node of the official tree (``at_tree``), each
obligation filled from the plans (links into the right part of every plan year), from the
configuration (the address where the ente publishes it) or saying plainly that this site does not
hold it. Engine-independent, like ``pages``."""

from __future__ import annotations

from dataclasses import dataclass

from trasparenza.site.at_tree import ALBERO, ROOT_FOLDER, ROOT_LABEL, Voce, percorsi
from trasparenza.model import Piao, Sito, Struttura
from trasparenza.site.page import PageSpec
from trasparenza.site.piano_tipo import codice, etichetta_pagina, relazioni, sezioni_di
from trasparenza.render.text import plain


@dataclass
class Rimando:
    """A link from an obligation page into a plan: «PIAO 2024-2026» › «2.3 Rischi corruttivi…»."""

    piano: str
    testo: str
    src: str
    nota: str = ""
    pdf: bool = False  # the plan's PDF: the build fills in its size, or takes the link out (publishing/pdf.py)


def src_of(path: tuple[Voce, ...]) -> str:
    folder = "/".join([ROOT_FOLDER] + [voce.id for voce in path])
    return f"{folder}/index.md" if path[-1].figli else f"{folder}.md"


ROOT_SRC = f"{ROOT_FOLDER}/index.md"


def record_links(links: dict) -> None:
    """Where each node of the tree goes: recorded before the plans' pages, which link their obligations."""
    for path in percorsi():
        links[("at", path[-1].id)] = src_of(path)
    links[("at", "")] = ROOT_SRC


def at_pages(site: Sito, plan_links: list[tuple[Piao, dict]], common: dict) -> list[PageSpec]:
    """The pages of the tree; ``plan_links`` gives each plan (newest first) with its links."""
    record_links(common)
    # Dates (history.date_pages): every plan the page draws on, and the configuration.
    sources = {"piani_fonte": [plan for plan, _ in plan_links], "fonti": [site.trasparenza]}
    pages = [PageSpec(ROOT_SRC, ROOT_LABEL, "at_indice.html",
                      {"sito": site, "voce": None, "figli": list(ALBERO), **sources},
                      description=f"Gli obblighi di pubblicazione {site.ente.di_nome} alimentati dal {site.documento[0]}, "
                                  "con le voci dell'albero ufficiale dell'Amministrazione trasparente.",
                      crumbs=[("Home", "index.md")], links=common, in_nav=True)]
    for path in percorsi():
        voce = path[-1]
        crumbs = [("Home", "index.md"), (ROOT_LABEL, ROOT_SRC)] + [(v.etichetta, src_of(path[:i + 1]))
                                                                  for i, v in enumerate(path[:-1])]
        context = {"sito": site, "voce": voce, "figli": list(voce.figli), **sources}
        if voce.obbligo:
            context.update(_content(voce, site, plan_links, common))
        pages.append(PageSpec(src_of(path), voce.etichetta, "at_indice.html" if voce.figli else "at_obbligo.html",
                              context, description=voce.contenuto[:300], crumbs=crumbs, links=common,
                              in_nav=len(path) == 1))
    return pages


def _content(voce: Voce, site: Sito, plan_links: list[tuple[Piao, dict]], common: dict) -> dict:
    """What fills an obligation: links into the plans, the address configured for it, the units."""
    rimandi: list[Rimando] = []
    for plan, links in plan_links:
        rimandi += _from_plan(voce.id, plan, links)
    plans = [plan for plan, _ in plan_links]
    if voce.id == "obiettivi-accessibilita":
        plans = []  # the yearly objectives are not part of a plan
        if site.obiettivi_accessibilita:
            anno = site.obiettivi_accessibilita.anno
            rimandi.append(Rimando("", f"Obiettivi di accessibilità {anno}", common[("obiettivi_accessibilita", "")]))
    if voce.id == "catalogo-dati" and ("dati_aperti", "") in common:
        rimandi.append(Rimando("", "Dati aperti del piano", common[("dati_aperti", "")],
                               "I dataset del piano in CSV e JSON, con le colonne descritte, la licenza e le date."))
        rimandi.append(Rimando("", "Catalogo DCAT-AP_IT (JSON-LD)", common[("catalogo", "")],
                               "Il catalogo dei dataset nel profilo nazionale dei metadati, per dati.gov.it."))
    altrove = site.trasparenza.pubblicati_altrove.get(voce.id) if site.trasparenza else None
    current = site.corrente
    context = {"rimandi": rimandi, "altrove": altrove, "uffici": None, "piu_piani": len(plan_links) > 1,
               "piani_fonte": plans, "fonti": [site.trasparenza, site.obiettivi_accessibilita],
               "non_previsto": NON_NEL_SEMPLIFICATO.get(voce.id) if current.piano.semplificato else None}
    context["programmazione"] = _programme(voce.id, current, plan_links)
    context["rpct"] = current.rischi.rpct if current.rischi and voce.id == "prevenzione-corruzione" else None
    if voce.id == "articolazione-uffici":
        plan, links = plan_links[0]
        context["piani_fonte"] = [plan]  # the offices as the plan in force describes them
        context["uffici"] = [{"struttura": unit, "tipologia": tipologia(unit), "recapiti": recapiti(unit)}
                             for unit in plan.strutture]
        context["pagina_ufficio"] = {unit.id: links[("struttura", unit.id)] for unit in plan.strutture}
        context["organigramma"] = organigramma(plan.strutture)
        context["piano_uffici"] = plan.piano.etichetta
    return context


# Which parts of a plan fill each obligation: (Piano tipo sections, index pages of the plan).
_FROM_PLAN = {
    "piano-prevenzione-corruzione": (("2.3",), ("rischi", "obblighi")),
    "prevenzione-corruzione": (("2.3",), ("rischi", "misure")),
    "documenti-programmazione": ((), ("home", "pdf")),
    "articolazione-uffici": (("3.1",), ("sezione_strutture",)),
    "dotazione-organica": (("3.3",), ()),
    "piano-performance": (("2.2",), ("sezione_obiettivi",)),
    "relazione-performance": ((), ("relazione",)),  # not section 4: how the plan is monitored is no Relazione
}
# Obligations that the simplified PIAO of bodies under 50 employees does not include (DM 132/2022, art. 6).
NON_NEL_SEMPLIFICATO = {"piano-performance": "2.2", "relazione-performance": "4"}


def _programme(voce_id: str, current: Piao, plan_links: list[tuple[Piao, dict]]) -> list[dict]:
    """What the plan in force's programme of transparency says of the obligation: who sends and who publishes
    the data, how often they are updated and by when."""
    if not current.obblighi:
        return []
    units = {unit.id: unit for unit in current.strutture}
    links = next(links for plan, links in plan_links if plan is current)
    return [{"obbligo": obbligo, "fonte": links.get(("obblighi", "")), "piano": current.piano.etichetta,
             "responsabili": [(role, units[unit].nome, links.get(("struttura", unit))) for role, unit in (
                 ("Responsabile della trasmissione dei dati", obbligo.trasmissione),
                 ("Responsabile della pubblicazione", obbligo.pubblicazione))]}
            for obbligo in current.obblighi.obblighi if obbligo.voce == voce_id
            and obbligo.trasmissione in units and obbligo.pubblicazione in units]


def _from_plan(obbligo: str, plan: Piao, links: dict) -> list[Rimando]:
    codes, kinds = _FROM_PLAN.get(obbligo, ((), ()))
    found: list[Rimando] = []
    label = plan.piano.etichetta
    for kind in kinds:
        if kind == "relazione":
            found += [Rimando(label, title, src) for title, src in relazioni(plan, links, final_only=True)]
        elif kind == "home":
            found.append(Rimando(label, plan.piano.titolo, links[("home", "")]))
        elif kind == "pdf":
            if ("pdf", "") in links:
                found.append(Rimando(label, "il piano in un unico PDF accessibile", links[("pdf", "")], pdf=True))
        elif (kind, "") in links:
            found.append(Rimando(label, etichetta_pagina(plan, kind), links[(kind, "")]))
    for sezione in sezioni_di(plan, codes):
        found.append(Rimando(label, f"{codice(sezione)} {plain(sezione.titolo)}", links[("sezione", sezione.id)],
                             sezione.sommario or ""))
    return found


def recapiti(unit: Struttura) -> list[str]:
    return [f"{name} {value}" for name, value in (("Telefono", unit.telefono), ("E-mail", unit.email),
                                                  ("PEC", unit.pec)) if value]


def tipologia(unit: Struttura) -> str:
    """ANAC's «tipologia dell'ufficio»: dirigenziale when a manager is named, non dirigenziale when only a
    responsible without a manager is; otherwise the data do not say."""
    kind = unit.tipo.capitalize()
    if unit.dirigente:
        return f"{kind}, ufficio dirigenziale"
    return f"{kind}, ufficio non dirigenziale" if unit.responsabile else kind


def organigramma(strutture: list[Struttura]) -> list[dict]:
    """The units as a tree (``parte_di``): [{"struttura": unit, "figli": [...]}, ...] in the data's order."""
    children: dict[str | None, list[Struttura]] = {}
    known = {unit.id for unit in strutture}
    for unit in strutture:
        parent = unit.parte_di if unit.parte_di in known else None
        children.setdefault(parent, []).append(unit)

    def build(parent):
        return [{"struttura": unit, "figli": build(unit.id)} for unit in children.get(parent, [])]

    return build(None)
