"""Publishing: a failed build leaves site_build/ as it was; `mkdocs serve` reloads on data changes."""

from __future__ import annotations

import hashlib
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import ENV, build, write_site


def snapshot(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_failed_build_leaves_previous_site_untouched(tmp_path):
    root = write_site(tmp_path / "s")
    assert build(root).returncode == 0
    site = root / "site_build"
    before = snapshot(site)
    assert len(before) > 20

    # A data error (stops before anything is written)…
    (root / "data/piano.yaml").write_text("titolo: P\ntriennio: 2024\n", encoding="utf-8")
    failed = build(root)
    assert failed.returncode != 0 and "data/piano.yaml:2:11" in failed.stderr
    assert snapshot(site) == before

    # …and a warning in strict mode (stops after the pages were rendered).
    (root / "data/piano.yaml").write_text("titolo: P\ntriennio: 2024-2026\n", encoding="utf-8")
    (root / "content/rotto.md").write_text("[link](non-esiste.md)\n", encoding="utf-8")
    warned = build(root)
    assert warned.returncode != 0
    assert snapshot(site) == before
    assert sorted(p.name for p in root.iterdir()) == ["content", "data", "mkdocs.yml", "site_build"]


def test_successful_build_replaces_the_site(tmp_path):
    root = write_site(tmp_path / "s")
    assert build(root).returncode == 0
    (root / "site_build" / "vecchio.html").write_text("resto di una build precedente")
    (root / "data/ente.yaml").write_text("denominazione: Comune Nuovo\n", encoding="utf-8")
    assert build(root).returncode == 0
    assert not (root / "site_build" / "vecchio.html").exists()
    assert "Comune Nuovo" in (root / "site_build/piao/2024-2026/index.html").read_text()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.3)
    return False


def test_serve_rebuilds_when_data_changes(tmp_path):
    root = write_site(tmp_path / "s")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}", "-f",
         str(root / "mkdocs.yml")], cwd=root, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/piao/2024-2026/obiettivi/mense-digitali/"
    try:
        assert wait_for(lambda: "Iscrizioni digitali alle mense" in (fetch(url) or ""), 60), "serve non partito"
        path = root / "data/obiettivi/area-servizi.yaml"
        path.write_text(path.read_text().replace("Iscrizioni digitali alle mense", "Iscrizioni online alle mense"))
        assert wait_for(lambda: "Iscrizioni online alle mense" in (fetch(url) or ""), 60), "nessuna ricostruzione"
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert "Building documentation" in output
