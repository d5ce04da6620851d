"""The pages about the whole site rather than one plan: the home page, the archive of plans, the
accessibility statement and the year's accessibility objectives, the legal notes, privacy, open data."""

from __future__ import annotations

from trasparenza.site import at_tree
from trasparenza.site.kinds import Kind


def _addresses(sp) -> None:
    sp.links.update({("sito", ""): sp.src("home"), ("archivio", ""): sp.src("archivio", sp.prefix),
                     ("dichiarazione", ""): sp.src("dichiarazione"), ("note_legali", ""): sp.src("note_legali"),
                     ("privacy", ""): sp.src("privacy")})
    if sp.site.obiettivi_accessibilita:
        sp.links[("obiettivi_accessibilita", "")] = sp.src("obiettivi_accessibilita")
    if sp.dati is not None:  # exports/published.py: the files published beside the pages
        sp.links[("dati_aperti", "")], sp.links[("catalogo", "")] = sp.dati.pagina, sp.dati.catalogo


def _home(sp) -> None:
    site = sp.site
    sp.add("home", sp.src("home"), site.ente.nome if site.ente.denominazione else site.documento[1],
           f"I piani {site.ente.di_nome}: {site.documento[1]}.", in_nav=True, piani=sp.plans, albero=at_tree.ALBERO)
    sp.pages[-1].written = sp.written_home


def _archive(sp) -> None:
    sp.add("archivio", sp.src("archivio", sp.prefix), "Tutti i piani", f"I piani {sp.site.ente.di_nome}, dal più recente.",
           [("Home", "index.md")], in_nav=len(sp.site.piani) > 1, piani=sp.plans)


def _statement(sp) -> None:
    sp.add("dichiarazione", sp.src("dichiarazione"), "Dichiarazione di accessibilità",
           "Dichiarazione di accessibilità del sito: stato di conformità, contenuti non accessibili, "
           "come segnalare un problema.", dichiarazione=sp.site.dichiarazione)


def _legal_notes(sp) -> None:
    # AgID's conventions (the footer links to them): the licence of the contents, what the site collects.
    sp.add("note_legali", sp.src("note_legali"), "Note legali",
           f"Licenza dei contenuti pubblicati da {sp.site.ente.nome}: CC BY 4.0, con il solo obbligo di citare la fonte.")


def _privacy(sp) -> None:
    trasparenza = sp.site.trasparenza
    sp.add("privacy", sp.src("privacy"), "Privacy e cookie",
           "Quali dati raccoglie questo sito: nessun cookie, nessun tracciamento, nessuna richiesta a server di terzi.",
           informativa=trasparenza.informativa_privacy if trasparenza else None,
           rpd=trasparenza.contatto_rpd if trasparenza else None)


def _open_data(sp) -> None:
    site, dati = sp.site, sp.dati
    if dati is not None:
        sp.add("dati_aperti", dati.pagina, "Dati aperti",
               f"I dati del {site.documento[0]} {site.ente.di_nome} in formato aperto (CSV e JSON), con il catalogo DCAT-AP_IT.",
               [("Home", "index.md")], in_nav=True, dati=dati, piani_fonte=site.piani)


def _objectives(sp) -> None:
    obiettivi = sp.site.obiettivi_accessibilita
    if obiettivi:
        sp.add("obiettivi_accessibilita", sp.src("obiettivi_accessibilita"), f"Obiettivi di accessibilità {obiettivi.anno}",
               "Gli obiettivi di accessibilità dell'anno.",
               [("Dichiarazione di accessibilità", sp.src("dichiarazione"))], obiettivi=obiettivi)


KINDS = [
    Kind("home", "site", 10, "index.md", _addresses, _home, dates="site"),
    Kind("archivio", "site", 20, "{id}/index.md", None, _archive, dates="site"),
    Kind("dichiarazione", "site", 30, "accessibilita/index.md", None, _statement, dates="statement"),
    Kind("note_legali", "site", 40, "note-legali.md", None, _legal_notes, dates="none"),
    Kind("privacy", "site", 50, "privacy.md", None, _privacy, dates="none"),
    Kind("dati_aperti", "site", 60, "", None, _open_data, dates="sources"),  # at exports/published.PAGE
    Kind("obiettivi_accessibilita", "site", 80, "accessibilita/obiettivi.md", None, _objectives, dates="statement"),
]
