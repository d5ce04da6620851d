"""The kinds of page (site/kinds/) and the page plan, in process and in milliseconds: no MkDocs, no build.

What only a build proves (the HTML, the menu, the files) is tested by the real builds elsewhere; here the
core's page plan, its links, its search entries and the registry of kinds, as any engine would get them.
"""

from __future__ import annotations

import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

from conftest import MINI, THEME, write_site

from trasparenza import project
from trasparenza.analysis.index import Index
from trasparenza.loading.settings import Settings
from trasparenza.render import search
from trasparenza.render.renderer import Renderer
from trasparenza.site import kinds
from trasparenza.site.plan import nav_entries, plan_pages

TEMPLATES = THEME / "trasparenza"
TODAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    """MINI, checked and planned by the core as the build does (project.check), without MkDocs."""
    root = write_site(tmp_path_factory.mktemp("tipi") / "sito")
    result = project.check(root, Settings(docs_dir="content"), TODAY)
    assert result.plan is not None, [i.format() for i in result.issues]
    return result


def test_every_template_has_a_kind_and_every_kind_a_template():
    """A page template (not a partial, «_…») without a kind would never be used; a kind without a template
    would fail at the first page of it."""
    templates = {path.name for path in TEMPLATES.glob("*.html") if not path.name.startswith("_")}
    declared = {kind.template for kind in kinds.registry().values()}
    assert templates - declared == set(), "modelli senza tipo di pagina"
    assert declared - templates == set(), "tipi di pagina senza modello"


def test_every_kind_declares_what_it_gives():
    for kind in kinds.registry().values():
        assert (kind.search == "item") == (kind.search_text is not None), kind.name
        if kind.follows:
            assert kind.search == "item", kind.name  # a page per item, followed through the years
        if kind.piano_tipo:
            assert kind.link and kind.label, kind.name
        if kind.scope == "plan":
            assert kind.make is not None and kind.address, kind.name
    plan_kinds = kinds.in_scope("plan")
    assert len({kind.address for kind in plan_kinds}) == len(plan_kinds)  # no two kinds at one address
    assert [kind.order for kind in plan_kinds] == sorted(kind.order for kind in plan_kinds)


def test_the_page_plan_of_a_small_site(checked):
    pages = {page.src_uri: page for page in checked.pages}
    assert len(pages) == len(checked.pages)  # one page per address
    plan_base = "piao/2024-2026"
    expected = {
        f"{plan_base}/index.md": "piano", f"{plan_base}/obiettivi/index.md": "obiettivi",
        f"{plan_base}/obiettivi/mense-digitali.md": "obiettivo", f"{plan_base}/strutture/index.md": "strutture",
        f"{plan_base}/strutture/area-servizi.md": "struttura", f"{plan_base}/stampa/index.md": "stampa",
        "index.md": "home", "piao/index.md": "archivio", "accessibilita/index.md": "dichiarazione",
        "note-legali.md": "note_legali", "privacy.md": "privacy",
    }
    for src, kind in expected.items():
        assert pages[src].kind.name == kind, src
    # Every page has a kind, and the plan's pages come in the order of their kinds.
    order = [page.kind.order for page in checked.pages if page.plan is not None]
    assert all(page.kind is not None for page in checked.pages) and order == sorted(order)
    # Every link and every breadcrumb of a page leads to a page of the plan.
    for page in checked.pages:
        for _, src in page.crumbs:
            assert src in pages, (page.src_uri, src)
    for key, src in checked.links.items():
        assert src.split("#")[0] in pages or key[0] in ("catalogo",), key
    obiettivo = pages[f"{plan_base}/obiettivi/mense-digitali.md"]
    assert [label for label, _ in obiettivo.crumbs] == ["PIAO 2024-2026", "Obiettivi", "Area servizi al cittadino"]
    assert obiettivo.dates is not None  # dated by its kind (here without git: no dates to give)


def test_the_menu_lists_the_index_pages(checked):
    menu = nav_entries(checked.site, checked.pages)
    plan = menu[0]["PIAO 2024-2026"]
    assert plan[:3] == ["piao/2024-2026/index.md", "piao/2024-2026/obiettivi/index.md",
                        "piao/2024-2026/strutture/index.md"]
    assert not any("/obiettivi/mense-digitali" in str(entry) for entry in menu)  # leaf pages are not in it


def test_search_entries_come_from_the_kinds(checked):
    pages = {page.src_uri: page for page in checked.pages}
    objective = search.entry(pages["piao/2024-2026/obiettivi/mense-digitali.md"])
    assert objective["location"] == "piao/2024-2026/obiettivi/mense-digitali/"
    assert "Area servizi al cittadino" in objective["text"]
    assert "dott.ssa Anna Rossi" in objective["text"]  # the dirigente, inherited from the unit
    listing = search.entry(pages["piao/2024-2026/obiettivi/index.md"])
    assert listing["text"] == pages["piao/2024-2026/obiettivi/index.md"].description
    assert search.entry(pages["piao/2024-2026/stampa/index.md"]) is None  # print pages: not indexed
    assert search.entry(pages["piao/2024-2026/index.md"]) is None  # prose: the engine indexes its HTML
    assert search.from_model("obiettivo.html") and not search.from_model("piano.html")


def test_a_page_renders_in_process(checked):
    pages = {page.src_uri: page for page in checked.pages}
    html = Renderer(TEMPLATES, checked.links, options={"mostra_nomi_personale": False}).render(pages["piao/2024-2026/obiettivi/mense-digitali.md"])
    assert "<h1>" in html and "dott.ssa Anna Rossi" in html


def test_a_new_kind_is_one_module(tmp_path, monkeypatch, request):
    """A module in the kinds' folder adds its pages to every plan: nothing else is edited."""
    folder = tmp_path / "altri"
    folder.mkdir()
    (folder / "glossario_prova.py").write_text(textwrap.dedent('''
        from trasparenza.site.kinds import Kind

        def _make(pp):
            pp.add("glossario_prova", pp.src("glossario_prova"), "Glossario", True, "Le parole del piano.", [pp.home])

        KINDS = [Kind("glossario_prova", "plan", 200, "glossario/index.md", None, _make, search="list")]
    '''), encoding="utf-8")
    monkeypatch.setattr(kinds, "__path__", [*kinds.__path__, str(folder)])
    monkeypatch.setattr(kinds, "_REGISTRY", {})  # read again, with the new module; the old one comes back after
    request.addfinalizer(lambda: sys.modules.pop("trasparenza.site.kinds.glossario_prova", None))
    root = write_site(tmp_path / "sito")
    plan = project.check(root, Settings(docs_dir="content"), TODAY).plan
    pages, links = plan_pages(plan)
    added = [page for page in pages if page.template == "glossario_prova.html"]
    assert [page.src_uri for page in added] == ["piao/2024-2026/glossario/index.md"]
    assert search.entry(added[0])["title"] == "Glossario"


def test_the_columns_a_table_shows_and_who_answers_for_an_objective(checked):
    plan = checked.plan
    index = Index(plan)
    obiettivo = next(o for o in plan.obiettivi if o.id == "mense-digitali")
    shown = index.colonne(obiettivo.fasi, "responsabili", "inizio", "scadenza", presenti=("incidenza",))
    assert "scadenza" in shown
    assert index.colonne([], "responsabili", presenti=("incidenza",)) == set()
    ruoli = index.ruoli(obiettivo, index.strutture[obiettivo.struttura])
    assert ruoli.dirigente.nome == "dott.ssa Anna Rossi"
    assert MINI  # the site of these tests
