"""The site's search index: mkdocs-material's own entries, sanitised again, and the entries of the pages
indexed from the model (render/search.py), written an entry at a time."""

from __future__ import annotations

import functools
import itertools
import json
from pathlib import Path

from trasparenza.render import search
from trasparenza.site.page import PageSpec


def complete(site: Path, pages: list[PageSpec], indexed: dict[str, dict | None], use_directory_urls: bool) -> None:
    """Add the model's entries (those the workers made, the others made now) to the theme's index."""
    entries = []
    for spec in pages:
        found = indexed.get(spec.src_uri) or search.entry(spec, use_directory_urls)
        if found is not None:
            entries.append(found)
    _sanitise_search_index(site, entries)


def _sanitise_search_index(site: Path, entries: list[dict]) -> None:
    """Add the entries of the pages indexed from the model (already clean: search.entry) to the theme's
    search index, if it has one, after re-sanitising the theme's own entries (search.clean)."""
    index = site / "search" / "search_index.json"
    if not index.is_file():
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    docs = data.pop("docs", [])
    for doc in docs:
        for key in ("title", "text"):
            if isinstance(doc.get(key), str):
                doc[key] = search.clean(doc[key])
    # Written an entry at a time: a large plan's index is never one more string in memory.
    compact = functools.partial(json.dumps, ensure_ascii=False, separators=(",", ":"))
    with index.open("w", encoding="utf-8") as out:
        out.write(compact(data)[:-1] + ("," if data else "") + '"docs":[')
        for number, doc in enumerate(itertools.chain(docs, entries)):
            out.write(("," if number else "") + compact(doc))
        out.write("]}")
