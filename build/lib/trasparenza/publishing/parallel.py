"""Use every core of a large build: forked workers that inherit the build's data (nothing is pickled
but the results).

`Stream` renders the generated pages in the order the engine will ask for them, at most AHEAD pages
ahead, while the calling process writes the pages already rendered; `fork_map` runs a few independent
jobs (reading files, converting texts). Only where fork is safe (Linux), in a one-thread process (a
build; in the preview only its first build, before its server starts threads), on two cores or more.
A worker that dies (the kernel's out-of-memory killer…) breaks the pool: the caller is told (None)
and does the work itself.
"""

from __future__ import annotations

import math
import multiprocessing
import multiprocessing.pool
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

MIN_PAGES = 300  # generated pages below which one process is as fast
MAX_WORKERS = 4  # each worker copies the parts of the plan it touches: memory grows with their number
AHEAD = 64  # pages the workers may render before they are taken: memory stays bounded
CHUNK = 4  # pages handed to a worker at a time
Job = Callable[[int], tuple[str, Any]]  # page number -> (page key, what it made of the page, or None)
_JOB: Job | None = None  # for the forked workers of a Stream
_MAP_JOB: Callable[[int], Any] | None = None  # for those of fork_map
# What a pool can raise instead of a result: no fork, no semaphores (/dev/shm), no memory for another
# process, a dead worker, a result that cannot be sent back.
_POOL_FAILURES = (OSError, ValueError, ImportError, BrokenProcessPool, multiprocessing.pool.MaybeEncodingError)


def cores() -> int:
    """The cores this process may use: its CPU affinity, within a container's CPU quota (cgroup v2)."""
    try:
        count = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        count = os.cpu_count() or 1
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()[:2]
        if quota != "max":
            count = min(count, max(1, math.ceil(int(quota) / int(period))))
    except (OSError, ValueError):
        pass
    return count


def workers() -> int:
    return min(cores(), MAX_WORKERS)


def possible(count: int) -> bool:
    return count >= MIN_PAGES and _can_fork()


def _can_fork() -> bool:
    return sys.platform.startswith("linux") and cores() > 1 and threading.active_count() == 1


def _pool(size: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(size, mp_context=multiprocessing.get_context("fork"), initializer=_quiet)


def fork_map(job: Callable[[int], Any], count: int) -> list | None:
    """[job(0), …, job(count-1)], run by forked workers (one per core, they inherit the job and its
    data; only the results are pickled); None where workers are not possible or one died (the caller
    does without). A job that fails in a worker is run again here, where its error is raised as it would
    be without workers."""
    global _MAP_JOB
    if count < 2 or not _can_fork():
        return None
    _MAP_JOB = job
    try:
        with _pool(min(workers(), count)) as pool:
            done = list(pool.map(_run_map, range(count)))
    except _POOL_FAILURES:
        return None
    finally:
        _MAP_JOB = None
    return [result if ok else job(index) for index, (ok, result) in enumerate(done)]


def start(job: Job, count: int) -> Stream | None:
    """Workers for pages 0…count-1, or None if they cannot start (the caller renders every page itself)."""
    try:
        return Stream(job, count)
    except _POOL_FAILURES:
        return None


class Stream:
    """What the job makes of pages 0…count-1 (their HTML…), made ahead by one worker per core, handed out
    one page at a time. The calling process, which only writes the pages, needs little of a core."""

    def __init__(self, job: Job, count: int):
        global _JOB
        _JOB = job  # the workers are forked at the first submit and inherit it
        self.workers = workers()
        self._count, self._next = count, 0
        self._pending: deque = deque()  # chunks submitted, in page order
        self._ready: dict[str, Any] = {}
        self.broken = False  # a worker died
        try:
            self._pool = _pool(self.workers)
            self._submit()
        except BaseException:
            _JOB = None
            raise

    def _submit(self) -> None:
        while len(self._pending) * CHUNK < AHEAD and self._next < self._count:
            end = min(self._next + CHUNK, self._count)
            self._pending.append(self._pool.submit(_run_chunk, self._next, end))
            self._next = end

    def take(self, key: str) -> Any:
        """What the job made of the page, or None if no worker made it (the caller renders the page, and
        reports an error as it would without the workers)."""
        while key not in self._ready and self._pending:
            try:
                chunk = self._pending.popleft().result()
                self._submit()
            except _POOL_FAILURES:  # a worker died: the pages still to come are made by the caller
                self.broken = True
                self.close()
                break
            self._ready.update(chunk)
        return self._ready.pop(key, None)

    def close(self) -> None:
        """Stop the workers: the pages not taken are no longer wanted (a worker finishes its chunk)."""
        global _JOB
        pending, self._pending = self._pending, deque()
        for future in pending:
            future.cancel()
        self._pool.shutdown(wait=True, cancel_futures=True)
        _JOB = None


def _quiet() -> None:
    """In a worker: the build's SIGTERM handler would turn the pool's own stop into a traceback, and
    Ctrl-C is the parent's to handle (it stops the workers)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_chunk(start: int, end: int) -> list[tuple[str, Any]]:
    return [_JOB(index) for index in range(start, end)]


def _run_map(index: int) -> tuple[bool, Any]:
    try:
        return True, _MAP_JOB(index)
    except Exception:  # noqa: BLE001 - run again by the caller, which raises it
        return False, None
