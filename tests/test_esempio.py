"""The fictional demo (examples/esempio): two plans, monitoring, Relazione, statuses, progress, charts."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import REPO, broken_links, build, page

DEMO = REPO / "examples/esempio"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("esempio") / "esempio"
    shutil.copytree(DEMO, root, ignore=shutil.ignore_patterns("site_build*"))
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("../../theme", str(REPO / "theme")), encoding="utf-8")
    result = build(root)
    assert result.returncode == 0, result.stderr
    return root / "site_build"


def test_every_page_says_the_comune_is_fictional(demo):
    pages = list(demo.rglob("index.html"))
    assert len(pages) > 30
    for html in pages:
        assert "Comune di Esempio è un ente immaginario" in html.read_text(encoding="utf-8"), html


def test_two_plans_the_one_in_force_first(demo):
    home = page(demo, "/")
    text = home.text[home.text.index("Il piano in vigore"):]
    assert text.index("2025-2027") < text.index("Piani precedenti") < text.index("PIAO 2024-2026")
    assert broken_links(demo) == []


def test_the_relazione_gives_results_per_unit_and_objective(demo):
    relazione = page(demo, "/piao/2024-2026/relazione-2024/")
    assert relazione.headings[0] == (1, "Relazione sulla performance 2024")
    assert "Avanzamento complessivo dell'ente" in relazione.text
    units = relazione.table("Risultati per struttura")["rows"][1:]
    assert len(units) >= 3 and all(re.fullmatch(r"[\d,]+%|non calcolabile", row[2]) for row in units)
    for status in ("raggiunto", "parzialmente raggiunto", "non raggiunto"):
        assert f"{status}:" in relazione.text
    assert "Obiettivi non raggiunti o raggiunti in parte" in relazione.text
    html = (demo / "piao/2024-2026/relazione-2024/index.html").read_text(encoding="utf-8")
    assert 'aria-label="Avanzamento per struttura, 2024"' in html
    # Linked from every objective it mentions.
    for href in set(re.findall(r'href="(\.\./obiettivi/[a-z0-9-]+/)"', html)):
        objective = (demo / "piao/2024-2026/relazione-2024" / href / "index.html").resolve()
        assert "Relazione sulla performance 2024" in objective.read_text(encoding="utf-8"), objective


def test_a_year_in_progress_is_in_progress(demo):
    """2025 has only the rilevazione of 31 July: a monitoring report, not the Relazione."""
    relazione = page(demo, "/piao/2025-2027/monitoraggio-2025/")
    assert relazione.headings[0] == (1, "Monitoraggio intermedio al 31/07/2025")
    assert "in corso:" in relazione.text


def test_objective_pages_show_statuses_with_words_and_symbols(demo):
    found = set()
    for html in (demo / "piao/2024-2026/obiettivi").rglob("index.html"):
        text = html.read_text(encoding="utf-8")
        found |= set(re.findall(r'<span class="tp-esito" data-stato="([a-z ]+)"><span aria-hidden="true">.</span> \1</span>', text))
    assert {"raggiunto", "parzialmente raggiunto", "non raggiunto", "non valutabile"} <= found


def test_the_variation_act_is_shown_where_it_happened(demo):
    variations = page(demo, "/piao/2024-2026/variazioni/")
    assert "Deliberazione – Giunta comunale" in variations.text or "Deliberazione" in variations.text
    eliminated = [h for h in (demo / "piao/2024-2026/obiettivi").rglob("index.html")
                  if "Obiettivo eliminato</strong>" in h.read_text(encoding="utf-8")]
    assert len(eliminated) == 1
    assert "Motivazione:" in page(demo, "/" + str(eliminated[0].parent.relative_to(demo)) + "/").text
