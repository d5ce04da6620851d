"""The engines under the core: only adapters/mkdocs imports MkDocs, mkdocs-material or watchdog; what mirrors
MkDocs' internals fails here when MkDocs changes it; ProperDocs (the 1.x fork) builds the same site."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ENV, REPO

from trasparenza.adapters.mkdocs import mkdocs_1_6

PACKAGE = REPO / "plugins" / "trasparenza"
ADAPTER = PACKAGE / "adapters" / "mkdocs"
ENGINES = {"mkdocs", "material", "watchdog", "properdocs"}


def _imported(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_only_the_adapter_imports_the_engines():
    outside = {str(path.relative_to(PACKAGE)): sorted(_imported(path) & ENGINES)
               for path in PACKAGE.rglob("*.py") if not path.is_relative_to(ADAPTER)}
    assert {name: engines for name, engines in outside.items() if engines} == {}
    assert len(outside) > 40  # the whole core was read
    assert any(_imported(path) & {"mkdocs"} for path in ADAPTER.glob("*.py"))  # the guard sees imports


@pytest.mark.parametrize("qualified", sorted(mkdocs_1_6.MIRRORED))
def test_what_is_mirrored_has_not_changed_in_mkdocs(qualified):
    """A new MkDocs changed a function mkdocs_1_6.py mirrors: read it, adapt the mirror, record the new hash."""
    assert mkdocs_1_6.source_hash(qualified) == mkdocs_1_6.MIRRORED[qualified], qualified


def test_watchdog_emitters_keep_their_interval_where_the_preview_sets_it(tmp_path):
    from mkdocs.livereload import LiveReloadServer

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        server.watch(str(tmp_path))
        server.observer.start()
        mkdocs_1_6.poll_every(server, [str(tmp_path)], 0.1)
        emitters = [e for e in server.observer.emitters if e.watch.path == str(tmp_path)]
        assert emitters and all(e._timeout == 0.1 for e in emitters)
        mkdocs_1_6.stop_watching(server, str(tmp_path))
        mkdocs_1_6.stop_watching(server, str(tmp_path))  # twice: no error
    finally:
        server.observer.stop()
        server.server_close()


def _tree(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def test_properdocs_builds_the_same_site_as_mkdocs(tmp_path):
    """ProperDocs, the MkDocs 1.x fork, builds the comune's site byte for byte as MkDocs does (but for the
    generator's name in a meta tag and the sitemap's compressed copy, which embeds it)."""
    sites = {}
    for engine in ("mkdocs", "properdocs"):
        out = tmp_path / engine
        done = subprocess.run([sys.executable, "-m", engine, "build", "--quiet", "-d", str(out)], cwd=REPO,
                              env=dict(ENV, TRASPARENZA_OGGI="2026-06-01"), capture_output=True, text=True,
                              timeout=600)
        assert done.returncode == 0, done.stderr
        sites[engine] = _tree(out)
    assert sites["mkdocs"].keys() == sites["properdocs"].keys()
    differ = [name for name, content in sites["mkdocs"].items()
              if GENERATOR.sub(b"", content) != GENERATOR.sub(b"", sites["properdocs"][name])]
    assert differ in ([], ["sitemap.xml.gz"]), differ[:10]
    assert len(sites["mkdocs"]) > 100
