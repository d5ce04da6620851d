"""What `mkdocs serve` needs beyond a build: its own terminal log and a data folder that is followed
even when it disappears and comes back.

MkDocs-specific, like plugin.py (the live server is MkDocs' own).
"""

from __future__ import annotations

import logging
from pathlib import Path

from watchdog.events import FileSystemEventHandler

_handler: logging.Handler | None = None


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
        if self.data_dir in self.server._watched_paths:
            self.server.unwatch(self.data_dir)
        if Path(self.data_dir).is_dir():
            self.server.watch(self.data_dir)
        # MkDocs 1.6 (frozen) has no public call for "rebuild now"; this is what its own watcher does.
        with self.server._rebuild_cond:
            self.server._want_rebuild = True
            self.server._rebuild_cond.notify_all()


FAST_POLLING = 0.1  # seconds between two looks at the data and the pages (MkDocs looks every 0.5 s)


def poll_faster(server, paths: list[str]) -> None:
    """MkDocs' watcher polls every file every half second, so a saved file waited up to 0.5 s before the
    rebuild began. Look at the data and the hand-written pages every 0.1 s (a few hundred files: a
    negligible cost); the theme's hundreds of files keep MkDocs' pace. watchdog's emitters keep their
    interval in `_timeout` (no public setter in watchdog), read at every turn of their loop."""
    wanted = set(paths)
    for emitter in list(getattr(server.observer, "emitters", ())):
        if emitter.watch.path in wanted and hasattr(emitter, "_timeout"):
            emitter._timeout = FAST_POLLING
