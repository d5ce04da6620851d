"""Render the content of the generated pages in a second process while the engine writes the pages.

Once the plan is loaded the pages are independent: a forked worker inherits the renderer and the page
plan (nothing is pickled but the resulting HTML) and renders the pages in the order the engine will
ask for them, at most AHEAD pages ahead, while the calling process lays out and writes the pages
already rendered. Only where fork is safe (Linux), in a one-thread process (a build, not the preview,
whose server runs threads), on two cores or more, for a plan large enough to repay the worker.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading

MIN_PAGES = 300  # generated pages below which one process is as fast
AHEAD = 64  # pages the worker may render before they are taken: memory stays bounded
_JOB = None  # (renderer, pages) for the forked worker


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def possible(count: int) -> bool:
    return (count >= MIN_PAGES and sys.platform.startswith("linux") and cores() > 1
            and threading.active_count() == 1)


def start(renderer, pages: list) -> Stream | None:
    """The worker for these pages, or None if it cannot start (the caller renders every page itself)."""
    try:
        return Stream(renderer, pages)
    except (OSError, ValueError):  # no fork, no semaphores (/dev/shm), no memory for another process
        return None


class Stream:
    """The HTML of `pages`, rendered ahead by one worker process, handed out one page at a time."""

    def __init__(self, renderer, pages: list):
        global _JOB
        context = multiprocessing.get_context("fork")
        self._room = threading.Semaphore(AHEAD)  # both sides are in this process: the pool's feeder and take()
        self._stopping = False
        _JOB = (renderer, pages)  # the worker is forked here and inherits it
        # One worker: the parent, laying out and writing the pages, keeps the other core busy.
        self._pool = context.Pool(1, initializer=_quiet)
        self._results = self._pool.imap(_render, self._indices(len(pages)), chunksize=4)
        self._ready: dict[str, str | None] = {}
        self._done = False

    def _indices(self, count: int):
        for index in range(count):  # read by the pool's feeder thread: it waits while AHEAD pages wait
            while not self._room.acquire(timeout=0.1):
                if self._stopping:  # the pool is stopping: its feeder thread must end
                    return
            yield index

    def take(self, src_uri: str) -> str | None:
        """The page's HTML, or None if the worker did not render it (the caller renders it, and reports
        an error as it would without the worker)."""
        while src_uri not in self._ready and not self._done:
            try:
                src, html = next(self._results)
            except StopIteration:
                self.close()
                break
            self._room.release()
            self._ready[src] = html
        return self._ready.pop(src_uri, None)

    def close(self) -> None:
        global _JOB
        if self._done:
            return
        self._done = self._stopping = True
        self._pool.terminate()  # the worker's tasks are done or no longer wanted
        self._pool.join()
        _JOB = None


def _quiet() -> None:
    """In the worker: the build's SIGTERM handler would turn the pool's own stop into a traceback, and
    Ctrl-C is the parent's to handle (it stops the worker)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _render(index: int) -> tuple[str, str | None]:
    renderer, pages = _JOB
    page = pages[index]
    try:
        return page.src_uri, renderer.render(page)
    except Exception:  # noqa: BLE001 - the caller renders this page again and reports the error
        return page.src_uri, None
