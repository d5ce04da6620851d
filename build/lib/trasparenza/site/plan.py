"""The page plan: which pages a plan produces, at which stable paths, with what context.

Engine-independent: MkDocs (or anything else) only has to turn each ``PageSpec`` into
a file and each template name into HTML. Paths are ``.md`` source paths so that the
engine applies its own URL scheme (``/piao/2022-2024/obiettivi/<id>/``).
"""

from __future__ import annotations

from trasparenza.analysis.index import Index
from trasparenza.model import Piao, Sito
from trasparenza.render.text import plain
from trasparenza.site import at_tree, kinds
from trasparenza.site.page import PageSpec


# Pages about the whole site (not one plan), at fixed paths: the theme's footer links them too.
SITE_PAGES = {name: kinds.registry()[name].src() for name in ("dichiarazione", "note_legali", "privacy")}


class PlanPages:
    """One plan's pages, as its kinds (site/kinds/) add them: the plan, its index, its links, ``add``."""

    def __init__(self, plan: Piao, prefix: str):
        self.plan, self.index = plan, Index(plan)
        self.base = f"{prefix}/{plan.piano.segmento}" if prefix else plan.piano.segmento
        self.links: dict[tuple[str, str], str] = {}
        self.pages: list[PageSpec] = []
        self.home = (plan.piano.etichetta, self.src("piano"))

    def src(self, kind: str, item: str = "") -> str:
        return kinds.registry()[kind].src(self.base, item)

    def add(self, kind, src, title, in_nav=False, description="", crumbs=(), nav_group=None, **context) -> None:
        self.pages.append(PageSpec(src, plain(title), kinds.registry()[kind].template,
                                   dict(context, plan=self.plan, index=self.index), in_nav=in_nav,
                                   description=plain(description)[:300], crumbs=list(crumbs), nav_group=nav_group,
                                   links=self.links, plan=self.plan))


def plan_pages(plan: Piao, prefix: str = "piao") -> tuple[list[PageSpec], dict[tuple[str, str], str]]:
    """All pages of a plan, and the map (kind, id) -> source path used for links: every kind records its
    links first (a page links pages of kinds that come after it), then adds its pages."""
    pages = PlanPages(plan, prefix)
    for kind in kinds.in_scope("plan"):
        if kind.addresses:
            kind.addresses(pages)
    for kind in kinds.in_scope("plan"):
        if kind.make:
            kind.make(pages)
    return pages.pages, pages.links


class SitePages:
    """The site's own pages, as the site's kinds add them, with every plan's pages and links."""

    def __init__(self, site: Sito, prefix: str, written_home: bool, dati):
        self.site, self.prefix, self.written_home, self.dati = site, prefix, written_home, dati
        self.links: dict[tuple[str, str], str] = {}
        self.pages: list[PageSpec] = []
        self.by_plan: list[tuple[Piao, list[PageSpec], dict]] = []
        self.plans: list[tuple[Piao, str]] = []

    def src(self, kind: str, item: str = "") -> str:
        return kinds.registry()[kind].src("", item)

    def add(self, kind, src, title, description, crumbs=(), in_nav=False, **context) -> None:
        self.pages.append(PageSpec(src, title, kinds.registry()[kind].template, dict(context, sito=self.site),
                                   description=description, crumbs=list(crumbs), links=self.links, in_nav=in_nav))


def site_pages(site: Sito, prefix: str = "piao", written_home: bool = False, dati=None
               ) -> tuple[list[PageSpec], dict[tuple[str, str], str]]:
    """Every generated page of the site: each plan's, then the site's own (home, archive, accessibility
    statement… at the site root: they concern the whole site, not one plan).

    Returns the pages and the site-wide links; each plan page carries its plan's links."""
    sp = SitePages(site, prefix, written_home, dati)  # dati: exports/published.DatiAperti
    for kind in kinds.in_scope("site"):
        if kind.addresses:
            kind.addresses(sp)
    homes: dict[str, str] = {}
    for plan in site.piani:
        plan_specs, links = plan_pages(plan, prefix)
        links.update(sp.links)
        sp.by_plan.append((plan, plan_specs, links))
        homes[plan.piano.segmento] = links[("home", "")]
    current = site.corrente
    for plan, plan_specs, links in sp.by_plan:
        belongs = {"etichetta": plan.piano.etichetta, "corrente": plan is current,
                   "link_corrente": homes[current.piano.segmento], "corrente_etichetta": current.piano.etichetta,
                   "piu_piani": len(site.piani) > 1, "home": homes[plan.piano.segmento]}
        own_data = dati.per_piano(plan.piano.segmento) if dati is not None else None
        for spec in plan_specs:
            spec.context["appartenenza"] = belongs
            spec.context["altri_anni"] = _other_years(spec, plan, sp.by_plan)
            spec.context["dati_pagina"] = own_data.per_pagina(spec.kind.datasets) if own_data else []
        sp.pages += plan_specs
    sp.plans = [(plan, homes[plan.piano.segmento]) for plan in site.piani]
    for kind in kinds.in_scope("site"):
        if kind.make:
            kind.make(sp)
    return sp.pages, sp.links


def _other_years(spec: PageSpec, plan: Piao, by_plan: list) -> list[tuple[str, str]]:
    """The same item's page in the other plan years, when its id persists from one plan to the next."""
    kind = spec.kind
    if kind.follows is None:
        return []
    item = spec.context[kind.follows]
    return [(other.piano.etichetta, links[(kind.name, item.id)]) for other, _, links in by_plan
            if other is not plan and (kind.name, item.id) in links]


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
