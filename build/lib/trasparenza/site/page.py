"""One page to generate: where it goes, its title, the template and the context that fill it."""

from __future__ import annotations

from dataclasses import dataclass, field

from trasparenza.model import Piao


@dataclass
class PageSpec:
    src_uri: str
    title: str
    template: str
    context: dict
    in_nav: bool = False
    description: str = ""
    nav_group: str | None = None
    crumbs: list[tuple[str, str]] = field(default_factory=list)
    links: dict | None = None  # (kind, id) -> source path, for the plan the page belongs to
    plan: Piao | None = None
    written: bool = False  # a hand-written page the data completes (the site's home page)
    dates: object = None  # history.Dates: publication and last update

    @property
    def kind(self):
        """Its kind of page (site/kinds/), by its template."""
        from trasparenza.site import kinds

        return kinds.of(self.template)
