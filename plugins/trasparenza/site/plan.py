"""The page plan: which pages a plan produces, at which stable paths, with what context.

Engine-independent: MkDocs (or anything else) only has to turn each ``PageSpec`` into
a file and each template name into HTML. Paths are ``.md`` source paths so that the
engine applies its own URL scheme (``/piao/2022-2024/obiettivi/<id>/``).
"""

from __future__ import annotations

from trasparenza.site import at_tree
from trasparenza.site import piano_tipo
from trasparenza.analysis import results
from trasparenza.site.at_pages import at_pages
from trasparenza.analysis.index import Index
from trasparenza.model import Piao, Sito
from trasparenza.site.page import PageSpec
from trasparenza.render.text import plain


# Pages about the whole site (not one plan), at fixed paths: the theme's footer links them too.
SITE_PAGES = {"dichiarazione": "accessibilita/index.md", "note_legali": "note-legali.md", "privacy": "privacy.md"}


class Paths:
    """Source paths of every generated page of one plan."""

    def __init__(self, plan: Piao, prefix: str = "piao"):
        self.base = f"{prefix}/{plan.piano.segmento}" if prefix else plan.piano.segmento

    def home(self) -> str:
        return f"{self.base}/index.md"

    def section(self, name: str) -> str:
        return f"{self.base}/{name}/index.md"

    def leaf(self, section: str, item_id: str) -> str:
        return f"{self.base}/{section}/{item_id}.md"

    def sezione(self, sezione_id: str) -> str:
        return f"{self.base}/{sezione_id}.md"


# kind used by templates' link() -> (section folder, or None for the plan root)
SECTIONS = {
    "obiettivo": "obiettivi",
    "struttura": "strutture",
    "azione_positiva": "azioni-positive",
    "azione_miglioramento": "azioni-miglioramento",
}


def plan_pages(plan: Piao, prefix: str = "piao") -> tuple[list[PageSpec], dict[tuple[str, str], str]]:
    """All pages of a plan, and the map (kind, id) -> source path used for links."""
    paths = Paths(plan, prefix)
    index = Index(plan)
    links: dict[tuple[str, str], str] = {}
    pages: list[PageSpec] = []
    piano = plan.piano
    home = (piano.etichetta, paths.home())

    def add(src, title, template, in_nav=False, description="", crumbs=(), nav_group=None, **context):
        pages.append(PageSpec(src, plain(title), template, dict(context, plan=plan, index=index), in_nav=in_nav,
                              description=plain(description)[:300], crumbs=list(crumbs), nav_group=nav_group,
                              links=links, plan=plan))

    add(paths.home(), piano.titolo, "piano.html", True,
        f"{plain(piano.titolo)} {plan.ente.di_nome}: obiettivi, strutture, azioni e documenti.", [])

    links[("home", "")] = paths.home()
    if plan.variazioni:
        links[("variazioni", "")] = paths.section("variazioni")
    for unit in plan.strutture:
        links[("struttura", unit.id)] = paths.leaf("strutture", unit.id)
    for obiettivo in plan.obiettivi:
        links[("obiettivo", obiettivo.id)] = paths.leaf("obiettivi", obiettivo.id)

    objectives_index = ("Obiettivi", paths.section("obiettivi"))
    if plan.obiettivi:
        links[("sezione_obiettivi", "")] = objectives_index[1]
        add(objectives_index[1], piano.nome_obiettivi, "obiettivi.html", True,
            f"{piano.nome_obiettivi} del {plain(piano.titolo)}.", [home])
    units_index = ("Strutture", paths.section("strutture"))
    if plan.strutture:
        links[("sezione_strutture", "")] = units_index[1]
        add(units_index[1], "Struttura organizzativa", "strutture.html", True,
            f"Direzioni, settori e servizi {plan.ente.di_nome} con i loro obiettivi.", [home])
    for unit in plan.strutture:
        crumbs = [home, units_index]
        add(links[("struttura", unit.id)], unit.nome, "struttura.html", False,
            f"{unit.nome}: responsabili e obiettivi.", crumbs, struttura=unit)
    for obiettivo in plan.obiettivi:
        unit = index.strutture[obiettivo.struttura]
        crumbs = [home, objectives_index, (unit.nome, links[("struttura", unit.id)])]
        title = f"Obiettivo {obiettivo.codice}: {plain(obiettivo.titolo)}" if obiettivo.codice else obiettivo.titolo
        add(links[("obiettivo", obiettivo.id)], title, "obiettivo.html", False,
            obiettivo.finalita or obiettivo.descrizione or obiettivo.titolo, crumbs,
            obiettivo=obiettivo, struttura=unit)

    if plan.valore_pubblico.indirizzi or plan.valore_pubblico.introduzione:
        links[("valore_pubblico", "")] = paths.section("valore-pubblico")
        add(paths.section("valore-pubblico"), "Valore pubblico", "valore_pubblico.html", True,
            "Indirizzi e obiettivi strategici di valore pubblico.", [home])
        for _, os in plan.obiettivi_strategici():
            links[("obiettivo_strategico", os.id)] = paths.section("valore-pubblico") + "#" + os.id

    if plan.accessibilita:
        links[("accessibilita", "")] = paths.section("accessibilita")
        add(paths.section("accessibilita"), "Accessibilità fisica e digitale", "accessibilita_azioni.html", True,
            "Modalità e azioni per la piena accessibilità, fisica e digitale.", [home],
            accessibilita=plan.accessibilita)

    if plan.azioni_positive:
        ap_index = ("Azioni positive", paths.section("azioni-positive"))
        links[("azioni_positive", "")] = ap_index[1]
        for _, azione in plan.azioni_positive_tutte():
            links[("azione_positiva", azione.id)] = paths.leaf("azioni-positive", azione.id)
        add(ap_index[1], plan.azioni_positive.titolo, "azioni_positive.html", True,
            plan.azioni_positive.titolo, [home], piano_ap=plan.azioni_positive)
        for area, azione in plan.azioni_positive_tutte():
            title = f"{azione.codice}: {plain(azione.titolo)}" if azione.codice else azione.titolo
            add(links[("azione_positiva", azione.id)], title, "azione_positiva.html", False,
                azione.descrizione or azione.titolo, [home, ap_index], area=area, azione=azione)

    if plan.azioni_miglioramento:
        am = plan.azioni_miglioramento
        am_index = ("Azioni di miglioramento", paths.section("azioni-miglioramento"))
        links[("azioni_miglioramento", "")] = am_index[1]
        for azione in am.azioni:
            links[("azione_miglioramento", azione.id)] = paths.leaf("azioni-miglioramento", azione.id)
        add(am_index[1], am.titolo, "azioni_miglioramento.html", True, am.titolo, [home], documento=am)
        for azione in am.azioni:
            ovp = index.strategici[azione.obiettivo_valore_pubblico][1]
            title = " – ".join(plain(t) for t in (azione.azione, azione.obiettivo, ovp.codice) if t)
            add(links[("azione_miglioramento", azione.id)], title, "azione_miglioramento.html", False,
                azione.obiettivo or azione.azione, [home, am_index], azione=azione)

    for periodo in index.periodi:
        anno = periodo.anno
        links[("relazione", str(anno))] = paths.section(periodo.segmento)
        add(links[("relazione", str(anno))], periodo.titolo, "relazione.html", True,
            f"I risultati {anno} degli obiettivi del {plain(piano.titolo)}, per struttura e obiettivo"
            + ("." if periodo.finale else f", dalle rilevazioni intermedie fino al {periodo.ultima:%d/%m/%Y}."),
            [home], relazione=results.relazione(plan, index.strutture, anno, index.obiettivi_eliminati(),
                                                index.fasi_eliminate))

    if plan.variazioni:
        add(paths.section("variazioni"), plan.variazioni.titolo, "variazioni.html", True,
            plan.variazioni.titolo, [home], variazioni=plan.variazioni)

    for sezione in plan.sezioni:
        links[("sezione", sezione.id)] = paths.sezione(sezione.id)
        title = sezione.titolo
        add(paths.sezione(sezione.id), title, "sezione.html", True, sezione.sommario or title, [home],
            "Sezioni del piano", sezione=sezione)
    pages[0].context["parti"], pages[0].context["altre_sezioni"] = piano_tipo.struttura(plan, links)
    pages[0].context["voci_piano"] = piano_tipo.voci(pages[0].context["parti"])
    # The whole plan year on one page, to print or save as PDF (left out of the search index: it repeats all).
    links[("stampa", "")] = paths.section("stampa")
    by_unit = {unit.id: [] for unit in plan.strutture}
    for obiettivo in plan.obiettivi:
        by_unit[obiettivo.struttura].append(obiettivo)
    per_struttura = [(unit, by_unit[unit.id]) for unit in plan.strutture if by_unit[unit.id]]
    add(links[("stampa", "")], f"{plain(piano.titolo)}: versione da stampare", "stampa.html", False,
        f"Il {plain(piano.titolo)} in un'unica pagina, da stampare o salvare in PDF." if index.elenco_completo else
        f"Il {plain(piano.titolo)} da stampare o salvare in PDF: le sezioni, e gli obiettivi in una pagina per struttura.",
        [home], per_struttura=per_struttura)
    if not index.elenco_completo:  # a large plan: one printable page per unit, linked from the plan's
        printed = (f"{plain(piano.titolo)}: versione da stampare", links[("stampa", "")])
        for unit, obiettivi in per_struttura:
            links[("stampa_struttura", unit.id)] = paths.leaf("stampa", unit.id)
            add(links[("stampa_struttura", unit.id)], f"{unit.nome}: versione da stampare", "stampa_struttura.html",
                False, f"Gli obiettivi di {unit.nome} nel {plain(piano.titolo)}, da stampare o salvare in PDF.",
                [home, printed], struttura=unit, obiettivi=obiettivi)
    return pages, links


def site_pages(site: Sito, prefix: str = "piao", written_home: bool = False, dati=None
               ) -> tuple[list[PageSpec], dict[tuple[str, str], str]]:
    """Every generated page of the site: each plan's, the site's home and archive, the accessibility
    statement (it concerns the whole site, not one plan, so it lives at the site root).

    Returns the pages and the site-wide links; each plan page carries its plan's links."""
    common: dict[tuple[str, str], str] = {("sito", ""): "index.md", ("archivio", ""): f"{prefix}/index.md",
                                          **{(kind, ""): src for kind, src in SITE_PAGES.items()}}
    if site.obiettivi_accessibilita:
        common[("obiettivi_accessibilita", "")] = "accessibilita/obiettivi.md"
    if dati is not None:  # dati_aperti.DatiAperti: the files published beside the pages
        common[("dati_aperti", "")], common[("catalogo", "")] = dati.pagina, dati.catalogo
    pages: list[PageSpec] = []
    homes: dict[str, str] = {}
    by_plan: list[tuple[Piao, list[PageSpec], dict]] = []
    for plan in site.piani:
        plan_specs, links = plan_pages(plan, prefix)
        links.update(common)
        by_plan.append((plan, plan_specs, links))
        homes[plan.piano.segmento] = links[("home", "")]
    current = site.corrente
    for plan, plan_specs, links in by_plan:
        belongs = {"etichetta": plan.piano.etichetta, "corrente": plan is current,
                   "link_corrente": homes[current.piano.segmento], "corrente_etichetta": current.piano.etichetta,
                   "piu_piani": len(site.piani) > 1, "home": homes[plan.piano.segmento]}
        own_data = dati.per_piano(plan.piano.segmento) if dati is not None else None
        for spec in plan_specs:
            spec.context["appartenenza"] = belongs
            spec.context["altri_anni"] = _other_years(spec, plan, by_plan)
            spec.context["dati_pagina"] = own_data.per_pagina(spec.template) if own_data else []
        pages += plan_specs

    def add(src, title, template, description, crumbs=(), in_nav=False, **context):
        pages.append(PageSpec(src, title, template, dict(context, sito=site), description=description,
                              crumbs=list(crumbs), links=common, in_nav=in_nav))

    plans = [(plan, homes[plan.piano.segmento]) for plan in site.piani]
    add("index.md", site.ente.nome if site.ente.denominazione else site.documento[1],
        "home.html", f"I piani {site.ente.di_nome}: {site.documento[1]}.", in_nav=True,
        piani=plans, albero=at_tree.ALBERO)
    pages[-1].written = written_home
    add(f"{prefix}/index.md", "Tutti i piani", "archivio.html",
        f"I piani {site.ente.di_nome}, dal più recente.",
        [("Home", "index.md")], in_nav=len(site.piani) > 1, piani=plans)
    add(SITE_PAGES["dichiarazione"], "Dichiarazione di accessibilità", "dichiarazione.html",
        "Dichiarazione di accessibilità del sito: stato di conformità, contenuti non accessibili, "
        "come segnalare un problema.", dichiarazione=site.dichiarazione)
    # AgID's conventions (the footer links to them): the licence of the contents, what the site collects.
    add(SITE_PAGES["note_legali"], "Note legali", "note_legali.html",
        f"Licenza dei contenuti pubblicati da {site.ente.nome}: CC BY 4.0, con il solo obbligo di citare la fonte.")
    trasparenza = site.trasparenza
    add(SITE_PAGES["privacy"], "Privacy e cookie", "privacy.html",
        "Quali dati raccoglie questo sito: nessun cookie, nessun tracciamento, nessuna richiesta a server di terzi.",
        informativa=trasparenza.informativa_privacy if trasparenza else None,
        rpd=trasparenza.contatto_rpd if trasparenza else None)
    if dati is not None:
        add(dati.pagina, "Dati aperti", "dati_aperti.html",
            f"I dati del {site.documento[0]} {site.ente.di_nome} in formato aperto (CSV e JSON), con il catalogo DCAT-AP_IT.",
            [("Home", "index.md")], in_nav=True, dati=dati, piani_fonte=site.piani)
    pages += at_pages(site, [(plan, links) for plan, _, links in by_plan], common)
    if site.obiettivi_accessibilita:
        add("accessibilita/obiettivi.md", f"Obiettivi di accessibilità {site.obiettivi_accessibilita.anno}",
            "obiettivi_accessibilita.html", "Gli obiettivi di accessibilità dell'anno.",
            [("Dichiarazione di accessibilità", "accessibilita/index.md")], obiettivi=site.obiettivi_accessibilita)
    return pages, common


# The pages that follow an item through the years, when its id persists from one plan to the next.
_FOLLOWED = {"obiettivo.html": ("obiettivo", "obiettivo"), "struttura.html": ("struttura", "struttura"),
             "azione_positiva.html": ("azione", "azione_positiva")}


def _other_years(spec: PageSpec, plan: Piao, by_plan: list) -> list[tuple[str, str]]:
    followed = _FOLLOWED.get(spec.template)
    if followed is None:
        return []
    item = spec.context[followed[0]]
    return [(other.piano.etichetta, links[(followed[1], item.id)]) for other, _, links in by_plan
            if other is not plan and (followed[1], item.id) in links]


def nav_entries(site: Sito, pages: list[PageSpec]) -> list:
    """The plans' part of the site menu: index pages only (leaf pages would slow every build).
    The plan in force first; the others under «Piani precedenti», most recent first."""
    entries = [_plan_nav(site.corrente, pages)]
    at = [spec.src_uri for spec in pages if spec.in_nav and spec.template.startswith("at_")]
    if at:
        entries.append({at_tree.ROOT_LABEL: at})
    entries += [spec.src_uri for spec in pages if spec.in_nav and spec.template == "dati_aperti.html"]
    if site.archiviati:
        archive = next(spec.src_uri for spec in pages if spec.template == "archivio.html")
        entries.append({"Piani precedenti": [archive] + [_plan_nav(plan, pages) for plan in site.archiviati]})
    return entries


def _plan_nav(plan: Piao, pages: list[PageSpec]) -> dict:
    entries: list = []
    groups: dict[str, list] = {}
    for spec in pages:
        if not spec.in_nav or spec.plan is not plan:
            continue
        if spec.nav_group:
            if spec.nav_group not in groups:
                groups[spec.nav_group] = []
                entries.append({spec.nav_group: groups[spec.nav_group]})
            groups[spec.nav_group].append(spec.src_uri)
        else:
            entries.append(spec.src_uri)
    return {plan.piano.etichetta: entries}
