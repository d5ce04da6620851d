"""Render the content of the generated pages in a second process while the engine writes the pages.

Once the plan is loaded the pages are independent: a forked worker inherits the renderer and the page
plan (nothing is pickled but the resulting HTML) and renders the pages in the order the engine will
ask for them, while the calling process lays out and writes the pages already rendered. Only where fork
is available and safe: a one-thread process (a build, not the preview, whose server runs threads) and a
plan large enough to repay starting the worker.
"""

from __future__ import annotations

import multiprocessing
import os
import threading

MIN_PAGES = 300  # below this, one process is as fast
_JOB = None  # (renderer, pages) for the forked worker


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def possible(count: int) -> bool:
    return (count >= MIN_PAGES and cores() > 1 and threading.active_count() == 1
            and "fork" in multiprocessing.get_all_start_methods())


class Stream:
    """The HTML of `pages`, rendered ahead by a worker process, handed out one page at a time."""

    def __init__(self, renderer, pages: list):
        global _JOB
        _JOB = (renderer, pages)  # the worker is forked here and inherits it
        # One core renders, the others lay out and write (more workers than that only compete for the cores).
        self._pool = multiprocessing.get_context("fork").Pool(max(1, cores() - 1))
        self._results = self._pool.imap(_render, range(len(pages)), chunksize=8)
        self._ready: dict[str, str | None] = {}
        self._done = False

    def take(self, src_uri: str) -> str | None:
        """The page's HTML, or None if the worker did not render it (the caller renders it, and reports
        an error as it would without the worker)."""
        while src_uri not in self._ready and not self._done:
            try:
                src, html = next(self._results)
            except StopIteration:
                self.close()
                break
            self._ready[src] = html
        return self._ready.pop(src_uri, None)

    def close(self) -> None:
        global _JOB
        if not self._done:
            self._done = True
            self._pool.terminate()  # every result has been taken, or the build is over
            self._pool.join()
            _JOB = None


def _render(index: int) -> tuple[str, str | None]:
    renderer, pages = _JOB
    page = pages[index]
    try:
        return page.src_uri, renderer.render(page)
    except Exception:  # noqa: BLE001 - the caller renders this page again and reports the error
        return page.src_uri, None
