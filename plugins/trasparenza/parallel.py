"""Render the generated pages in worker processes while the engine writes the pages.

Once the plan is loaded the pages are independent: forked workers inherit the renderer, the page plan
and the engine's pages (nothing is pickled but the resulting HTML) and render the pages in the order the
engine will ask for them, at most AHEAD pages ahead, while the calling process writes the pages already
rendered. Only where fork is safe (Linux), in a one-thread process (a build, not the preview, whose
server runs threads), on two cores or more, for a plan large enough to repay the workers.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable
from typing import Any

MIN_PAGES = 300  # generated pages below which one process is as fast
AHEAD = 64  # pages the workers may render before they are taken: memory stays bounded
CHUNK = 4  # pages handed to a worker at a time
Job = Callable[[int], tuple[str, Any]]  # page number -> (page key, what it made of the page, or None)
_JOB: Job | None = None  # for the forked workers of a Stream
_MAP_JOB: Callable[[int], Any] | None = None  # for those of fork_map


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def possible(count: int) -> bool:
    return count >= MIN_PAGES and _can_fork()


def _can_fork() -> bool:
    return sys.platform.startswith("linux") and cores() > 1 and threading.active_count() == 1


def fork_map(job: Callable[[int], Any], count: int) -> list | None:
    """[job(0), …, job(count-1)], run by one forked worker per core (they inherit the job and its data;
    only the results are pickled); None where workers are not possible (the caller does without). A job
    that fails in a worker is run again here, where its error is raised as it would be without workers."""
    global _MAP_JOB
    if count < 2 or not _can_fork():
        return None
    _MAP_JOB = job
    try:
        with multiprocessing.get_context("fork").Pool(min(cores(), count), initializer=_quiet) as pool:
            done = pool.map(_run_map, range(count), chunksize=1)
    except (OSError, ValueError):  # no fork, no semaphores, no memory for another process
        return None
    finally:
        _MAP_JOB = None
    return [result if ok else job(index) for index, (ok, result) in enumerate(done)]


def start(job: Job, count: int) -> Stream | None:
    """Workers for pages 0…count-1, or None if they cannot start (the caller renders every page itself)."""
    try:
        return Stream(job, count)
    except (OSError, ValueError):  # no fork, no semaphores (/dev/shm), no memory for another process
        return None


class Stream:
    """What the job makes of pages 0…count-1 (their HTML…), made ahead by one worker per core, handed out
    one page at a time.
    The calling process, which only writes the pages, needs little of a core."""

    def __init__(self, job: Job, count: int):
        global _JOB
        context = multiprocessing.get_context("fork")
        self._room = threading.Semaphore(AHEAD)  # both sides are in this process: the pool's feeder and take()
        self._stopping = False
        _JOB = job  # the workers are forked here and inherit it
        self.workers = cores()
        self._pool = context.Pool(self.workers, initializer=_quiet)
        self._results = self._pool.imap(_run, self._indices(count), chunksize=CHUNK)
        self._ready: dict[str, Any] = {}
        self._done = False

    def _indices(self, count: int):
        for index in range(count):  # read by the pool's feeder thread: it waits while AHEAD pages wait
            while not self._room.acquire(timeout=0.1):
                if self._stopping:  # the pool is stopping: its feeder thread must end
                    return
            yield index

    def take(self, key: str) -> Any:
        """What the job made of the page, or None if no worker made it (the caller renders the page, and
        reports an error as it would without the workers)."""
        while key not in self._ready and not self._done:
            try:
                got, html = next(self._results)
            except StopIteration:
                self.close()
                break
            self._room.release()
            self._ready[got] = html
        return self._ready.pop(key, None)

    def close(self) -> None:
        global _JOB
        if self._done:
            return
        self._done = self._stopping = True
        self._pool.terminate()  # the workers' tasks are done or no longer wanted
        self._pool.join()
        _JOB = None


def _quiet() -> None:
    """In a worker: the build's SIGTERM handler would turn the pool's own stop into a traceback, and
    Ctrl-C is the parent's to handle (it stops the workers)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run(index: int) -> tuple[str, Any]:
    return _JOB(index)


def _run_map(index: int) -> tuple[bool, Any]:
    try:
        return True, _MAP_JOB(index)
    except Exception:  # noqa: BLE001 - run again by the caller, which raises it
        return False, None
