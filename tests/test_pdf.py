"""The plan as one accessible PDF (publishing/pdf.py): printed at build time by Chromium from the print page,
checked here against PDF/UA-1 as far as a checker installable from the project's registries can, and for
fidelity: every objective, target and measure of the plan is in its text.

veraPDF is not installable here (no Debian package; nothing on PyPI or npm carries it), so the checker is
pdfua (PyPI, on pikepdf): 16 of the 106 machine-checkable PDF/UA-1 rules (structure tree, Marked, tagged or
artifact content, language, figures' alternative text, table structure, link and annotation descriptions,
non-empty headings, title and DisplayDocTitle, PDF/UA identification). Its heading rule (UA-14-001) stops on
the arrays Chromium writes in the structure tree: the headings are checked here instead (the bookmarks are
the page's headings, word for word). What neither checks — fonts' embedding and glyph widths (7.21), the
role map, notes, and whether the structure's order is the reading order — is left to veraPDF and to a
reading with a screen reader.
"""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pypdf
import pytest
import yaml
from pdfua import Severity, validate

from conftest import ENV, REPO, Page, build, project, write_site
from trasparenza.publishing import pdf

SITES = ["esempio", "piccolo-comune", "alessandria"]
SKIPPED_BY_THE_CHECKER = {"UA-14-001"}  # its own error on Chromium's /K arrays: checked by test_bookmarks_…


def _pdfs(site: Path) -> list[Path]:
    return sorted(site.glob("piao/*/*.pdf")) + sorted(site.glob("piao/*.pdf"))


def _text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages)


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


@pytest.mark.parametrize("name", SITES)
def test_every_plan_pdf_passes_the_pdf_ua_checker(built, name):
    pdfs = _pdfs(built(name))
    assert pdfs, "nessun PDF"
    for path in pdfs:
        report = validate(str(path))
        findings = [(f.rule_id, f.severity.name, f.message) for f in report.findings
                    if f.severity in (Severity.ERROR, Severity.WARNING)]
        assert not findings, (path.name, findings[:5])
        assert {o.rule_id for o in report.skipped} <= SKIPPED_BY_THE_CHECKER, report.skipped


@pytest.mark.parametrize("name", SITES)
def test_title_language_identification_bookmarks_tables_figures_and_links(built, name):
    """What PDF/UA-1 asks that the checker skips or only samples, on every PDF of the site."""
    site = built(name)
    for path in _pdfs(site):
        with pikepdf.open(path) as document:
            root = document.Root
            assert str(root.Lang) == "it-IT"
            assert root.MarkInfo.Marked is True and "/StructTreeRoot" in root
            assert root.ViewerPreferences.DisplayDocTitle is True
            title = str(document.docinfo["/Title"])
            with document.open_metadata() as meta:
                assert meta["pdfuaid:part"] == "1" and meta["dc:title"] == title
            # Bookmarks: the print page's headings, in order, word for word.
            printed = next(site.glob(f"{path.parent.relative_to(site)}/stampa/index.html"))
            with document.open_outline() as outline:
                marks = [str(item.title) for item in pdf._flat(outline.root)]
            assert marks == pdf.headings(printed.read_text(encoding="utf-8"))
            kinds: dict[str, list] = {}

            def walk(node):
                if isinstance(node, pikepdf.Dictionary):
                    if "/S" in node:
                        kinds.setdefault(str(node.S), []).append(node)
                    kids = node.get("/K")
                    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
                        walk(kid)

            walk(root.StructTreeRoot)
            assert len(kinds.get("/Table", [])) <= len(kinds.get("/TH", [])), "tabelle senza intestazioni"
            assert all(str(figure.get("/Alt", "")).strip() for figure in kinds.get("/Figure", []))
            for page in document.pages:
                for annot in page.obj.get("/Annots", []):
                    if annot.get("/Subtype") == pikepdf.Name.Link:
                        assert str(annot.get("/Contents", "")).strip()
                        uri = str(annot.get("/A", {}).get("/URI", ""))
                        assert not uri.startswith("file:") and "/work/" not in uri and "costruzione" not in uri
        text = _text(path)
        assert "file://" not in text and "in-costruzione" not in text, path


def _data(name: str) -> list[tuple[dict, Path]]:
    root = project(name) / "data"
    return [(yaml.safe_load(p.read_text(encoding="utf-8")) or {}, p) for p in sorted(root.rglob("*.yaml"))]


@pytest.mark.parametrize("name", SITES)
def test_every_objective_target_and_measure_is_in_the_pdf(built, name):
    """Fidelity: each plan's PDF holds every objective title, every target as written, every process, risk
    and measure of 2.3."""
    site = built(name)
    plans = sorted((project(name) / "data" / "piani").iterdir()) if (project(name) / "data" / "piani").is_dir() \
        else [project(name) / "data"]
    checked = 0
    for folder in plans:
        pdfs = [p for p in _pdfs(site) if p.parent.name in (folder.name, "piano") or len(plans) == 1]
        assert len(pdfs) == 1, (folder, pdfs)
        text = _norm(_text(pdfs[0]))
        wanted = []
        for file in sorted(folder.glob("obiettivi/*.yaml")):
            for o in (yaml.safe_load(file.read_text(encoding="utf-8")) or {}).get("obiettivi", []):
                wanted.append(o["titolo"])
                for i in o.get("indicatori", []) + [i for f in o.get("fasi", []) for i in f.get("indicatori", [])]:
                    wanted += [str(i["valore_atteso"])] if i.get("valore_atteso") is not None else []
                    wanted += [str(t["valore"]) for t in i.get("target", [])]
        misure = folder / "misure-prevenzione.yaml"
        if misure.is_file():
            for m in yaml.safe_load(misure.read_text(encoding="utf-8"))["misure"]:
                wanted.append(m["titolo"])
                wanted += [str(i["valore_atteso"]) for i in m.get("indicatori", []) if i.get("valore_atteso")]
        aree = folder / "aree-rischio.yaml"
        for area in yaml.safe_load(aree.read_text(encoding="utf-8"))["aree_rischio"] if aree.is_file() else []:
            for processo in area.get("processi", []):
                wanted += [processo["titolo"]] + [r["descrizione"] for r in processo.get("rischi", [])]
        missing = [w for w in wanted if _norm(Page(f"<p>{w}</p>").text.replace("*", "")) not in text]
        assert not missing, (pdfs[0].name, missing[:10])
        checked += len(wanted)
    assert checked > 10


def test_the_plan_page_links_its_pdf_with_size_and_pages(built):
    site = built("piccolo-comune")
    home = (site / "piao/2026-2028/index.html").read_text(encoding="utf-8")
    link = re.search(r'<a href="([^"]+\.pdf)" type="application/pdf" download>([^<]+) '
                     r'\(<span class="tp-pdf-dimensione">PDF, ([\d,]+ kB), (\d+) pagine</span>\)</a>', home)
    assert link, home[:2000]
    target = site / "piao/2026-2028" / link.group(1)
    assert target.is_file() and link.group(2) == "Il PIAO 2026-2028 in un unico PDF accessibile"
    assert int(link.group(4)) == len(pypdf.PdfReader(target).pages)
    assert "<!--tp-pdf" not in home
    at = (site / "amministrazione-trasparente/disposizioni-generali/atti-generali/documenti-programmazione/index.html")
    at = at.read_text(encoding="utf-8")
    assert f'{link.group(1)}" type="application/pdf" download>PIAO 2026-2028: il piano in un unico PDF accessibile ' \
           f'(<span class="tp-pdf-dimensione">PDF, {link.group(3)}, {link.group(4)} pagine</span>)</a>' in at
    assert "<!--tp-pdf" not in at


def test_without_chromium_the_site_is_published_without_the_pdf_and_says_so(tmp_path, monkeypatch):
    root = write_site(tmp_path / "sito", plugin={"pdf": True})
    monkeypatch.setitem(ENV, "TRASPARENZA_CHROMIUM", str(tmp_path / "nessun-chromium"))
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml")], cwd=root,
                          env=ENV, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "WARNING" in done.stderr and "Chromium non è installato" in done.stderr
    assert "apt-get install chromium" in done.stderr and "senza il PDF del piano" in done.stderr
    assert not list((root / "site_build").rglob("*.pdf"))
    home = next((root / "site_build" / "piao").glob("*/index.html")).read_text(encoding="utf-8")
    assert "tp-pdf" not in home and "PDF accessibile" not in home
    at = root / "site_build/amministrazione-trasparente/disposizioni-generali/atti-generali/documenti-programmazione"
    assert "PDF accessibile" not in (at / "index.html").read_text(encoding="utf-8")


def test_a_preview_and_a_build_with_pdf_false_link_no_pdf(tmp_path):
    root = write_site(tmp_path / "sito", plugin={"pdf": False})
    assert build(root).returncode == 0
    assert not list((root / "site_build").rglob("*.pdf"))
    assert all("tp-pdf" not in p.read_text(encoding="utf-8") for p in (root / "site_build").rglob("*.html"))
