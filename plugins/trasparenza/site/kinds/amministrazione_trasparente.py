"""The «Amministrazione trasparente» pages: one per node of the official tree (site/at_pages.py)."""

from __future__ import annotations

from trasparenza.site.at_pages import at_pages, record_links
from trasparenza.site.kinds import Kind


def _make(sp) -> None:
    sp.pages += at_pages(sp.site, [(plan, links) for plan, _, links in sp.by_plan], sp.links)


KINDS = [
    Kind("at_indice", "site", 70, "", lambda sp: record_links(sp.links), _make, dates="sources"),  # addresses: at_pages.src_of
    Kind("at_obbligo", "site", 71, "", None, None, dates="sources"),
]
