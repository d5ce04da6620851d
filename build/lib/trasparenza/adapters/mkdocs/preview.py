"""What `mkdocs serve` needs beyond a build: its own terminal log, a data folder followed even when it
disappears and comes back, faster polling of the data, and the page of errors that stands in for every
page while the data cannot be published."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from watchdog.events import FileSystemEventHandler

from trasparenza.adapters.mkdocs import mkdocs_1_6, theme_setup
from trasparenza.problems import ERRORE, Issue
from trasparenza.italian import quantity
from trasparenza.site.page import PageSpec

ERROR_TITLE = "Anteprima ferma: dati da correggere"
FAST_POLLING = 0.1  # seconds between two looks at the data and the pages (MkDocs looks every 0.5 s)
_handler: logging.Handler | None = None
# The last good build's pages (address, title): the preview re-creates the plugin at every rebuild.
_known_pages: list[tuple[str, str]] = []


def log() -> logging.Logger:
    """The preview's messages in the terminal, formatted as MkDocs' own, but outside MkDocs' logger:
    `--strict` (or `strict: true`) counts MkDocs' warnings and would stop the preview at a data mistake."""
    global _handler
    logger = logging.getLogger("trasparenza.anteprima")
    if _handler is None:
        _handler = logging.StreamHandler()
        _handler.setFormatter(logging.Formatter("%(levelname)-8s-  trasparenza: %(message)s"))
        logger.addHandler(_handler)
        logger.propagate = False
    return logger


def remember(pages: list[PageSpec]) -> None:
    global _known_pages
    _known_pages = [(page.src_uri, page.title) for page in pages]


def error_pages(config, renderer, issues: list[Issue], internal: str | None) -> tuple[str, list[PageSpec]]:
    """Every page of the preview becomes the list of what to correct, at the URLs of the last good build,
    so the page being edited reloads into the explanation and back into itself when fixed."""
    errors = [i for i in issues if i.severity == ERRORE]
    if internal:
        log().error(internal)
    page = renderer.render_template("errori.html", errori=errors, avvisi=[i for i in issues if i.severity != ERRORE],
                                    interno=internal)
    config.extra["trasparenza"] = {"dichiarazione_url": None, "anteprima_errori": page,
                                   "pagine": theme_setup.footer_pages(config.use_directory_urls),
                                   "anteprima_titolo": ERROR_TITLE}
    # Links to pages the data would generate are expected to be missing now: no warnings for them.
    config.validation.links.not_found = logging.INFO
    config.validation.nav.not_found = logging.INFO
    what = "un errore interno" if internal else quantity(len(errors), "errore", "errori") + " nei dati"
    log().error(f"Anteprima ferma per {what}: ogni pagina dell'anteprima mostra cosa correggere; "
                "salva il file corretto e l'anteprima tornerà da sola.")
    return page, [PageSpec(src, title, "errori.html", {}) for src, title in _known_pages]


def follow(server, data_dir: Path, docs_dir: str) -> None:
    """The data folder watched now (rather than after the event, to poll it faster), followed when it goes
    and comes back; the data and the hand-written pages polled every FAST_POLLING seconds."""
    follow_data_folder(server, data_dir)
    if data_dir.is_dir():
        server.watch(str(data_dir))
    mkdocs_1_6.poll_every(server, [os.path.abspath(data_dir), os.path.abspath(docs_dir)], FAST_POLLING)


def follow_data_folder(server, data_dir: Path) -> None:
    """MkDocs' watcher of data/ stops for good once the folder is gone (deleted, moved to the bin,
    replaced by a checkout). Watch its parent too: when the folder goes or comes back, watch it again
    and rebuild, so the preview explains the missing folder and then returns by itself."""
    server.observer.schedule(_DataFolderWatch(server, data_dir), str(data_dir.parent), recursive=False)


class _DataFolderWatch(FileSystemEventHandler):
    def __init__(self, server, data_dir: Path):
        self.server = server
        self.data_dir = str(data_dir)

    def on_any_event(self, event) -> None:
        if self.data_dir not in (event.src_path, getattr(event, "dest_path", None)):
            return
        if Path(self.data_dir).is_dir():
            mkdocs_1_6.watch_again(self.server, self.data_dir)
        else:
            mkdocs_1_6.stop_watching(self.server, self.data_dir)
        mkdocs_1_6.rebuild_now(self.server)
