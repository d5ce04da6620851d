"""The plan as one accessible PDF, printed from its print page by Chromium.

Chromium prints a tagged PDF (structure tree from the HTML: headings, lists, tables with their header
cells, images with their alternative text, in reading order) with an outline from the headings. This
module then completes what PDF/UA-1 asks and Chromium leaves out: the language as the site declares it
(``it-IT``), the document's own title shown by the viewer, the XMP metadata with the PDF/UA
identification, and a description for every link annotation. Engine-independent: it reads a built HTML
file and writes a PDF beside the site.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT = 180  # seconds for one plan: a plan of 300 objectives prints in well under a minute


class PdfError(Exception):
    """The PDF could not be made: the message says why, in Italian."""


@dataclass(frozen=True)
class Pdf:
    path: Path
    pagine: int
    dimensione: int  # bytes


def browser() -> str | None:
    """Chromium's executable: TRASPARENZA_CHROMIUM, or the first of BROWSERS on the PATH."""
    chosen = os.environ.get("TRASPARENZA_CHROMIUM")
    if chosen:
        return chosen if Path(chosen).is_file() else None
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def print_page(html: Path, target: Path, title: str, language: str, executable: str, site: Path,
               site_url: str | None = None) -> Pdf:
    """Print ``html`` (a built page of the site folder ``site``, read with its stylesheets and fonts) to
    ``target``, inside ``site``: links to the site's pages become addresses relative to the PDF, or absolute
    under ``site_url`` (never the build machine's file paths)."""
    with tempfile.TemporaryDirectory(prefix="trasparenza-pdf-") as work:
        raw = Path(work) / "stampa.pdf"
        command = [executable, "--headless", "--no-sandbox", "--disable-gpu", "--disable-extensions",
                   "--no-first-run", "--disable-background-networking", f"--user-data-dir={work}/profilo",
                   "--no-pdf-header-footer", "--generate-pdf-document-outline", "--export-tagged-pdf",
                   f"--print-to-pdf={raw}", html.resolve().as_uri()]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT,
                                  stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise PdfError(f"Chromium non ha finito di stampare in {TIMEOUT} secondi") from None
        except OSError as exc:
            raise PdfError(f"Chromium non si avvia ({exc.strerror or exc})") from None
        if done.returncode != 0 or not raw.is_file() or raw.stat().st_size == 0:
            raise PdfError(f"Chromium non ha prodotto il PDF (codice di uscita {done.returncode})")
        pages = complete(raw, target, title, language, site, site_url, headings(html.read_text(encoding="utf-8")))
    return Pdf(target, pages, target.stat().st_size)


def complete(raw: Path, target: Path, title: str, language: str, site: Path, site_url: str | None,
             titles: list[str] = ()) -> int:
    """What PDF/UA-1 asks beyond Chromium's tagged PDF; returns the number of pages. ``titles``: the page's
    headings in order, for the bookmarks (Chromium takes them from the laid-out lines, where a heading that
    wraps loses the space at the break)."""
    import pikepdf

    site = site.resolve()
    with pikepdf.open(raw) as pdf:
        pdf.Root.Lang = pikepdf.String(language)
        pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        pdf.docinfo["/Title"] = pikepdf.String(title)
        pdf.docinfo["/Producer"] = pikepdf.String("Trasparenza (Chromium, pikepdf)")
        for moment in ("/CreationDate", "/ModDate"):  # the same site gives the same file, byte for byte
            if moment in pdf.docinfo:
                del pdf.docinfo[moment]
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta.register_xml_namespace("http://www.aiim.org/pdfua/ns/id/", "pdfuaid")
            meta["dc:title"] = title
            meta["dc:language"] = [language]
            meta["pdfuaid:part"] = "1"
        with pdf.open_outline() as outline:
            entries = list(_flat(outline.root))
            if titles and len(entries) == len(titles):
                for entry, text in zip(entries, titles):
                    entry.title = text
        for page in pdf.pages:
            annots = page.obj.get("/Annots")
            if annots is None:
                continue
            page.obj.Tabs = pikepdf.Name.S  # tab order follows the structure (PDF/UA-1, 7.18.3)
            for annot in annots:
                if annot.get("/Subtype") != pikepdf.Name.Link:
                    continue
                action = annot.get("/A")
                if action is not None and "/URI" in action:
                    address = _address(str(action.URI), site, target.parent, site_url)
                    if address is None:
                        del annot["/A"]
                    else:
                        action.URI = pikepdf.String(address)
                if "/Contents" not in annot:
                    annot.Contents = pikepdf.String(_describe(annot))
        pdf.save(target, deterministic_id=True)
        return len(pdf.pages)


def _flat(items):
    for item in items:
        yield item
        yield from _flat(item.children)


class _Headings(HTMLParser):
    """The text of every h1-h6 of a page, in order, spaces collapsed."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.open: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.open = []

    def handle_endtag(self, tag):
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6") and self.open is not None:
            self.found.append(" ".join("".join(self.open).split()))
            self.open = None

    def handle_data(self, data):
        if self.open is not None:
            self.open.append(data)


def headings(html: str) -> list[str]:
    parser = _Headings()
    parser.feed(html)
    return parser.found


def _address(uri: str, site: Path, folder: Path, site_url: str | None) -> str | None:
    """A link as the published PDF must carry it: a page of the site relative to the PDF's folder (or under
    the site's public address); a web address as it is; a file elsewhere on the build machine: none."""
    if not uri.startswith("file:"):
        return uri
    parts = urlsplit(uri)
    target = Path(unquote(parts.path))
    try:
        inside = target.resolve().relative_to(site)
    except ValueError:
        return None
    if inside.name == "index.html":
        inside = inside.parent
    folder_link = inside == Path(".") or (site / inside).is_dir()
    if site_url:
        address = site_url.rstrip("/") + "/" + ("" if inside == Path(".") else inside.as_posix())
    else:
        address = os.path.relpath(site / inside, folder).replace(os.sep, "/")
    if folder_link and not address.endswith("/"):
        address += "/"
    return address + (f"#{parts.fragment}" if parts.fragment else "")


def _describe(annot) -> str:
    """A link's description (PDF/UA-1, 7.18.5): where it leads."""
    action = annot.get("/A")
    uri = action.get("/URI") if action is not None else None
    if uri is not None:
        return f"Collegamento a {str(uri)}"
    return "Rimando a un'altra parte del documento"


# --- the build's step: every plan's PDF, printed side by side, and its link on the plan's page ---

@dataclass(frozen=True)
class Richiesta:
    """One plan's PDF: its print page, where the PDF goes (and its path in the site), its title and the pages
    that link it (the plan's page, the «Amministrazione trasparente» page of the programming documents)."""

    stampa: Path
    destinazione: Path
    src: str
    titolo: str
    pagine: tuple[Path, ...]


def requests(pages, site_dir: Path, use_directory_urls: bool) -> list[Richiesta]:
    """The PDFs a built site gets: one per plan whose print page is the whole plan (site/kinds/stampa.py)."""
    from trasparenza.render.renderer import url_of
    from trasparenza.render.text import plain

    def output(src: str) -> Path:
        url = url_of(src, use_directory_urls)
        return site_dir / (url + "index.html" if url.endswith("/") or not url else url)

    linking = {}  # pdf path -> the AT pages that list it
    for spec in pages:
        for rimando in spec.context.get("rimandi") or [] if spec.template == "at_obbligo.html" else []:
            if getattr(rimando, "pdf", False):
                linking.setdefault(rimando.src, []).append(output(spec.src_uri))
    found = []
    for spec in pages:
        if spec.template != "stampa.html" or spec.links is None or ("pdf", "") not in spec.links:
            continue
        plan, src = spec.plan, spec.links[("pdf", "")]
        found.append(Richiesta(output(spec.src_uri), site_dir / src, src, f"{plain(plan.piano.titolo)} – {plan.ente.nome}",
                               (output(spec.links[("home", "")]), *linking.get(src, []))))
    return found


def publish(wanted: list[Richiesta], site_dir: Path, site_url: str | None, language: str = "it-IT",
            executable: str | None = None, printing: bool = True) -> tuple[list[Pdf], list[str]]:
    """Print every PDF (a few at once; none unless ``printing``) and fill the plans' pages: the link with the
    PDF's size and pages, or no link where there is no PDF. Returns the PDFs and, in Italian, what went wrong."""
    from concurrent.futures import ThreadPoolExecutor

    from trasparenza.publishing import parallel

    problems: list[str] = []
    made: dict[Path, Pdf] = {}
    executable = (executable or browser()) if printing else None
    if wanted and printing and executable is None:
        problems.append("Chromium non è installato (su Debian e Ubuntu: apt-get install chromium): il sito è "
                        "pubblicato senza il PDF del piano")
    elif wanted and printing:
        with ThreadPoolExecutor(max_workers=max(1, min(len(wanted), parallel.cores()))) as pool:
            futures = [(request, pool.submit(print_page, request.stampa, request.destinazione, request.titolo,
                                             language, executable, site_dir, site_url)) for request in wanted]
            for request, future in futures:
                try:
                    made[request.destinazione] = future.result()
                except PdfError as exc:
                    problems.append(f"{exc}: il sito è pubblicato senza {request.destinazione.name}")
    for request in wanted:
        for page in request.pagine:
            _link(page, request.src, made.get(request.destinazione))
    return list(made.values()), problems


_BLOCK = re.compile(r"<!--tp-pdf (\S+)-->(.*?)<!--/tp-pdf-->", re.S)


def _link(page: Path, src: str, made: Pdf | None) -> None:
    """A page's link to the PDF ``src``, with size and pages; the whole item out when there is no PDF."""
    from trasparenza.italian import quantity, size

    what = f"PDF, {size(made.dimensione)}, {quantity(made.pagine, 'pagina', 'pagine')}" if made else ""

    def fill(match) -> str:
        if match.group(1) != src:
            return match.group(0)
        if made is None:
            return ""
        return match.group(2).replace('<span class="tp-pdf-dimensione">PDF</span>',
                                      f'<span class="tp-pdf-dimensione">{what}</span>')

    html = page.read_text(encoding="utf-8")
    page.write_text(_BLOCK.sub(fill, html), encoding="utf-8")
