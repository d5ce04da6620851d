"""The kinds of page, one registry. Each module of this package declares its kinds (``KINDS``): the template,
the address, what a page of the kind gives to search, to open data, to its dates, to the Piano tipo map
and to the years that follow an item; and the pages a plan (or the site) has of it. Adding a kind is a
module here and a template in theme/trasparenza/ (tests/test_tipi_di_pagina.py checks both ways).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

# What search gets of a page: "item" its own text (search_text), "list" its title and description (it lists
# items that have pages of their own), "none" nothing (the print pages repeat the others), "engine" what the
# engine indexes of its HTML (pages of prose).
Search = Literal["item", "list", "none", "engine"]
# Where a page's dates come from: "plan" the data files it shows, "statement" the accessibility statement,
# "site" the plan in force (home, archive), "sources" the plans and configuration an obligation draws on,
# "none" none (pages about the site itself).
Dates = Literal["plan", "statement", "site", "sources", "none"]


@dataclass(frozen=True)
class Kind:
    name: str  # the template is name + ".html"; also the mark of the page for the keyboard walk
    scope: Literal["plan", "site", "preview"]
    order: int  # where its pages come among the plan's or the site's (the menu and the search index follow)
    address: str = ""  # where its pages go, under the plan's folder for a plan's kind; {id}: the item's
    addresses: Callable | None = None  # (PlanPages | SitePages) -> None: records the links of its pages
    make: Callable | None = None  # (PlanPages | SitePages) -> None: adds its pages
    search: Search = "engine"
    search_text: Callable[[dict], list] | None = None  # for "item": the parts of the text, from the context
    datasets: tuple[str, ...] = ()  # the open datasets the page links, in order
    dates: Dates = "plan"
    follows: str | None = None  # the context key of the item followed through the plan years
    piano_tipo: str | None = None  # the Piano tipo section that lists the page (an index of the plan)
    link: str | None = None  # the link key of the page, when it is one per plan
    label: Callable | None = None  # (Piao) -> how the plan's contents name the page

    @property
    def template(self) -> str:
        return self.name + ".html"

    def src(self, base: str = "", item: str = "") -> str:
        address = self.address.format(id=item)
        return f"{base}/{address}" if base else address


_REGISTRY: dict[str, Kind] = {}


def registry() -> dict[str, Kind]:
    """Every kind by name, from every module of this package (read once)."""
    if not _REGISTRY:
        found: list[Kind] = []
        for module in pkgutil.iter_modules(__path__):
            found += importlib.import_module(f"{__name__}.{module.name}").KINDS
        names = [kind.name for kind in found]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise RuntimeError(f"page kinds declared twice: {duplicates}")
        _REGISTRY.update((kind.name, kind) for kind in sorted(found, key=lambda kind: (kind.scope, kind.order)))
    return _REGISTRY


def of(template: str) -> Kind | None:
    return registry().get(template.removesuffix(".html"))


def in_scope(scope: str) -> list[Kind]:
    return [kind for kind in registry().values() if kind.scope == scope]


def by_link(link: str) -> Kind:
    return next(kind for kind in registry().values() if kind.link == link)


def in_piano_tipo(code: str) -> list[Kind]:
    """The plan's index kinds listed in a Piano tipo section, in order."""
    return [kind for kind in in_scope("plan") if kind.piano_tipo == code]
