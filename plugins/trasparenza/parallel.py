"""Render the content of many generated pages on every core.

Once the plan is loaded the pages are independent: forked workers inherit the renderer and the page
plan (nothing is pickled but the resulting HTML), and the calling process renders its own share
meanwhile. Only where fork is available and safe: a one-thread process (a build, not the preview,
whose server runs threads) and a plan large enough to repay starting the workers.
"""

from __future__ import annotations

import multiprocessing
import os
import threading

MIN_PAGES = 300  # below this, one process is as fast
_JOB = None  # (renderer, pages) for the forked workers


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def possible(count: int) -> bool:
    return (count >= MIN_PAGES and cores() > 1 and threading.active_count() == 1
            and "fork" in multiprocessing.get_all_start_methods())


def render_all(renderer, pages: list) -> dict[str, str]:
    """src_uri -> HTML of every page; a page that failed is left out (the caller renders it again, and
    reports its error as it would without workers)."""
    global _JOB
    workers = cores() - 1
    shares = [list(range(start, len(pages), workers + 1)) for start in range(workers + 1)]
    _JOB = (renderer, pages)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            pending = pool.map_async(_render, shares[1:])
            done = _render(shares[0])
            for part in pending.get():
                done.update(part)
    finally:
        _JOB = None
    return done


def _render(indices: list[int]) -> dict[str, str]:
    renderer, pages = _JOB
    done = {}
    for i in indices:
        try:
            done[pages[i].src_uri] = renderer.render(pages[i])
        except Exception:  # noqa: BLE001 - the caller renders this page again and reports the error
            continue
    return done
