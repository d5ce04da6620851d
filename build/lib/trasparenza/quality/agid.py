"""AgID's checks of a comune's pages (italia/pa-website-validator-ng, municipality audits) that apply
to this section: fonts (C.SI.1.1), cookies (C.SI.3.1), the accessibility statement's link (C.SI.3.2),
the privacy notice's link (C.SI.3.3) and the licence in the legal notes (C.SI.3.4).

They are reproduced as the validator makes them, in Chromium, with a score of 1, 0.5 or 0 (0.5 still
passes). Without network: what lies on another host (form.agid.gov.it, the ente's privacy notice) is
checked as far as its address, and the result says so.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit
from urllib.request import urlopen

from trasparenza.model.accessibilita import AGID_FORM

ALLOWED_FONTS = ["Titillium Web", "Lora", "Roboto Mono", "titillium web", "lora", "roboto mono"]
LICENCE_TITLE = "Licenza dei contenuti"
# The paragraph the validator expects in the legal notes (it compares it in lower case, spaces collapsed).
LICENCE_TEXT = (
    "In applicazione del principio open by default ai sensi dell’articolo 52 del decreto legislativo 7 marzo 2005, "
    "n. 82 (CAD) e salvo dove diversamente specificato (compresi i contenuti incorporati di terzi), i dati, i "
    "documenti e le informazioni pubblicati sul sito sono rilasciati con licenza CC-BY 4.0. Gli utenti sono quindi "
    "liberi di condividere (riprodurre, distribuire, comunicare al pubblico, esporre in pubblico), rappresentare, "
    "eseguire e recitare questo materiale con qualsiasi mezzo e formato e modificare (trasformare il materiale e "
    "utilizzarlo per opere derivate) per qualsiasi fine, anche commerciale con il solo onere di attribuzione, senza "
    "apporre restrizioni aggiuntive.")

# Every h1–h6 and p (hidden ones too): the first family of its computed font; if its own is allowed,
# the first descendant whose font is not (tolerated: the page scores 0.5).
_FONTS_JS = """(allowed) => {
  const first = el => getComputedStyle(el).fontFamily.split(',')[0].replace(/^"|"$/g, '');
  const wrong = [], tolerated = [];
  for (const el of document.body.querySelectorAll('h1, h2, h3, h4, h5, h6, p')) {
    const family = first(el);
    if (!allowed.includes(family)) { wrong.push(`${el.tagName.toLowerCase()}: ${family}`); continue; }
    for (const child of el.querySelectorAll('*')) {
      const inner = first(child);
      if (!allowed.includes(inner)) { tolerated.push(`${child.tagName.toLowerCase()} in ${el.tagName.toLowerCase()}: ${inner}`); break; }
    }
  }
  return {wrong, tolerated};
}"""


@dataclass
class AuditResult:
    codice: str
    controllo: str
    punteggio: float
    dettaglio: str

    @property
    def superato(self) -> bool:
        return self.punteggio >= 0.5

    def format(self) -> str:
        stato = "superato" if self.superato else "NON superato"
        return f"{self.codice} {self.controllo}: {stato} (punteggio {self.punteggio:g}) – {self.dettaglio}"


def fonts_of(page) -> dict:
    """The h1–h6 and p of a loaded page whose font is not allowed: {"wrong": [...], "tolerated": [...]}."""
    return page.evaluate(_FONTS_JS, ALLOWED_FONTS)


def fonts(found_by_page: list[tuple[str, dict]]) -> AuditResult:
    """``found_by_page``: (address, ``fonts_of`` of that page). The lowest score of all pages."""
    score, notes = 1.0, []
    for address, found in found_by_page:
        if found["wrong"]:
            score = 0.0
            notes.append(f"{address}: {', '.join(sorted(set(found['wrong']))[:5])}")
        elif found["tolerated"]:
            score = min(score, 0.5)
            notes.append(f"{address} (tollerato): {', '.join(sorted(set(found['tolerated']))[:5])}")
    return AuditResult("C.SI.1.1", "Caratteri tipografici", score,
                 "; ".join(notes) or "titoli e paragrafi usano Titillium Web, Lora o Roboto Mono")


def cookies(context, site_host: str) -> AuditResult:
    """The cookies the browser holds after the pages were loaded: only the site's own host (or below it)."""
    host = site_host.replace("www.", "")
    wrong = [c for c in context.cookies()
             if not (c["domain"].replace("www.", "") == host or c["domain"].endswith("." + host))]
    if wrong:
        return AuditResult("C.SI.3.1", "Cookie", 0.0, "cookie di altri domini: " + ", ".join(
            f"{c['name']} ({c['domain']})" for c in wrong))
    count = len(context.cookies())
    return AuditResult("C.SI.3.1", "Cookie", 1.0, "nessun cookie" if not count else f"{count} cookie, tutti del sito")


def _footer_link(page, element: str) -> str | None:
    link = page.locator(f'footer [data-element="{element}"]')
    return link.first.get_attribute("href") if link.count() else None


def accessibility_link(page) -> AuditResult:
    name = ("C.SI.3.2", "Dichiarazione di accessibilità")
    href = _footer_link(page, "accessibility-link")
    if href is None:
        return AuditResult(*name, 0.0, "nel piè di pagina manca il collegamento data-element=\"accessibility-link\"")
    if href in ("", "#") or AGID_FORM not in href:
        return AuditResult(*name, 0.0, f"il collegamento porta a «{href}», non alla dichiarazione su form.agid.gov.it")
    return AuditResult(*name, 1.0, f"porta a {href} (il contenuto della dichiarazione si verifica solo in rete)")


def privacy_link(page, published_at: str | None = None) -> AuditResult:
    """``published_at``: the site's public address, against which a relative link is judged (https)."""
    name = ("C.SI.3.3", "Informativa privacy")
    href = _footer_link(page, "privacy-policy-link")
    if href is None:
        return AuditResult(*name, 0.0, "nel piè di pagina manca il collegamento data-element=\"privacy-policy-link\"")
    if href in ("", "#"):
        return AuditResult(*name, 0.0, "il collegamento non porta a nessuna pagina")
    public = urljoin(published_at or page.url, href)
    if "https" not in public:
        if published_at is None and _same_site(href, page.url):  # served locally: the public address is unknown
            return AuditResult(*name, 0.5, f"porta alla pagina {href} del sito: sarà valido se il sito è pubblicato in https "
                                     "(indica l'indirizzo pubblico con --indirizzo per verificarlo)")
        return AuditResult(*name, 0.0, f"{public} non è un indirizzo https")
    if _same_site(href, page.url) and not _exists(urljoin(page.url, href)):
        return AuditResult(*name, 0.0, f"la pagina {href} non esiste")
    return AuditResult(*name, 1.0, f"porta a {public}")


def licence(page, open_page) -> AuditResult:
    """Follows the footer's legal-notes link (``open_page(url)`` loads it in a new tab)."""
    name = ("C.SI.3.4", "Licenza dei contenuti")
    href = _footer_link(page, "legal-notes")
    if not href or href == "#":
        return AuditResult(*name, 0.0, "nel piè di pagina manca il collegamento data-element=\"legal-notes\"")
    target = urljoin(page.url, href)
    if _same_site(href, page.url) and not _exists(target):
        return AuditResult(*name, 0.0, f"la pagina delle note legali {href} non esiste")
    notes = open_page(target)
    title = "".join(notes.locator('[data-element="legal-notes-section"]').all_text_contents()).strip().lower()
    if title != LICENCE_TITLE.lower():
        return AuditResult(*name, 0.0, f"il titolo data-element=\"legal-notes-section\" è «{title}», non «{LICENCE_TITLE}»")
    body = " ".join(t + " " for t in notes.locator('[data-element="legal-notes-body"]').all_text_contents())
    body = " ".join(body.strip().lower().split()).replace("'", "’")
    if body != LICENCE_TEXT.lower():
        return AuditResult(*name, 0.0, "il testo data-element=\"legal-notes-body\" non è quello della licenza CC BY 4.0 "
                                 "atteso dal validatore")
    return AuditResult(*name, 1.0, f"le note legali ({href}) riportano la licenza CC BY 4.0")


def _same_site(href: str, page_url: str) -> bool:
    return urlsplit(urljoin(page_url, href)).netloc == urlsplit(page_url).netloc


def _exists(url: str) -> bool:
    try:
        with urlopen(url, timeout=10) as response:  # noqa: S310 (the local server)
            return 200 <= response.status < 300
    except OSError:
        return False


def check_site(site, paths: list[str], published_at: str | None = None) -> list[AuditResult]:
    """The five checks on a built site served locally: the footer ones on the home page, fonts and
    cookies on ``paths`` (the home page first). In a thread of its own, as Playwright's sync API
    wants no other browser session running in the caller's thread."""
    outcome: dict = {}

    def run():
        try:
            outcome["results"] = _check_site(site, paths, published_at)
        except BaseException as exc:  # re-raised in the caller's thread
            outcome["error"] = exc

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["results"]


def _check_site(site, paths: list[str], published_at: str | None) -> list[AuditResult]:
    from playwright.sync_api import sync_playwright

    from trasparenza.quality.a11y import LocalServer, launch

    with LocalServer(site) as server, sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            context = browser.new_context()
            page = context.new_page()
            loaded = []
            for path in paths:
                page.goto(server.url + path, wait_until="load")
                loaded.append(("/" + path, fonts_of(page)))
            results = [fonts(loaded), cookies(context, urlsplit(server.url).hostname)]
            page.goto(server.url, wait_until="load")

            def open_page(url):
                other = context.new_page()
                other.goto(url, wait_until="load")
                return other

            results += [accessibility_link(page), privacy_link(page, published_at), licence(page, open_page)]
            context.close()
        finally:
            browser.close()
    return sorted(results, key=lambda esito: esito.codice)

