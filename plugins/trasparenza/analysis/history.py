"""When each page was published and last updated: from the data, failing that from the git history of
the files the page comes from; never the build time, which would change the page on every build.

The data's dates: a plan's «pubblicato_il» (or the date of the act approving it) and «aggiornato_il»,
the date of a variation act for what it changed, the accessibility statement's drafting and review.
Git is asked once for the whole project (one `git log`); outside a repository there is no history.
A date read from git is never older than the ente's own data: in a repository that changed ente (a site
copied from another comune) the commits before data/ente.yaml named this ente date nothing. A partial
history (a shallow clone) dates nothing either: its oldest commit would look like the first.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from trasparenza.model import Nodo, Piao, Sito


@dataclass(frozen=True)
class Dates:
    pubblicato_il: date | None = None
    aggiornato_il: date | None = None


# {file relative to the project folder, posix: (first commit date, last commit date)}
FileDates = dict[str, tuple[date, date]]


def git_dates(root: Path, paths: list[Path], data_paths: list[Path] = (), ente: tuple[str, list[str]] | None = None
              ) -> FileDates:
    """First and last commit date of every file under ``paths`` and ``data_paths``; {} outside a git
    repository. Under ``data_paths`` (YAML) a commit that only adds, changes or removes the editor's schema
    line («# yaml-language-server: …») changes nothing published, so it dates nothing. ``ente``: the ente's
    file and what identifies it (its name, its codice fiscale): no date is older than the first commit of the
    ente's data."""
    found: FileDates = {}
    if repository(root) != "complete":
        return found
    for where, only_content in ((paths, False), (data_paths, True)):
        relative = [str(p.relative_to(root)) if p.is_relative_to(root) else str(p) for p in where if p.exists()]
        if relative:
            _log(root, relative, only_content, found)
    if ente is not None and found:
        since = ente_since(root, *ente)
        if since is None:  # the ente's data was never committed: every date in the history is another's
            return {}
        found = {name: (max(first, since), max(last, since)) for name, (first, last) in found.items()}
    return found


def _git(root: Path, *args: str, stdin: str | None = None) -> str | None:
    try:
        done = subprocess.run(["git", "-c", "core.quotepath=off", "-C", str(root), *args], input=stdin,
                              capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=120)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def repository(root: Path) -> str:
    """«complete», «shallow» (a partial history: GitHub's default checkout), «no git» (a repository, and no git
    to read it) or «none» (not a repository)."""
    answer = _git(root, "rev-parse", "--is-shallow-repository")
    if answer is not None:
        return "shallow" if answer.strip() == "true" else "complete"
    found = next((folder for folder in (root, *root.parents) if (folder / ".git").exists()), None)
    if found is None:
        return "none"
    return "no git" if shutil.which("git") is None else "none"


def ente_since(root: Path, ente_file: str, marks: list[str]) -> date | None:
    """The date of the oldest commit since which the ente's file has always named this ente (any of
    ``marks``); None when no commit does."""
    log = _git(root, "log", "--format=%H %cs", "--", ente_file)
    if not log:
        return None
    commits = [line.split() for line in log.splitlines() if line.strip()][:200]  # newest first
    contents = _git(root, "cat-file", "--batch", stdin="".join(f"{sha}:{ente_file}\n" for sha, _ in commits))
    if contents is None:
        return None
    since = None
    for (sha, day), text in zip(commits, _batch(contents)):
        if text is None or not any(mark in text for mark in marks):
            break
        since = date.fromisoformat(day)
    return since


def _batch(output: str) -> Iterator[str | None]:
    """The objects printed by `git cat-file --batch`, in order (None for a missing one: a deleted file)."""
    position = 0
    while position < len(output):
        end = output.index("\n", position)
        header = output[position:end].split()
        if len(header) < 3 or header[1] == "missing":
            yield None
            position = end + 1
            continue
        size = int(header[2])  # in bytes: the text was decoded as UTF-8
        body = output[end + 1:].encode("utf-8")[:size].decode("utf-8", errors="replace")
        yield body
        position = end + 1 + len(body) + 1


# Any line but the schema line, for git's -G (POSIX regular expressions have no negative look-ahead: the line
# differs from the prefix at some character, or ends before it). Other comments count: in a «testo: |» block a
# line starting with «#» is a Markdown heading, and changes the page.
_SCHEMA_LINE = "# yaml-language-server:"
# (Git matches the added lines as one text: «^$» would match after its last newline, so a blank line is no
# change either.)
_CONTENT_LINE = "^([^#\n]|" + "|".join(f"{_SCHEMA_LINE[:i]}([^{_SCHEMA_LINE[i]}]|$)"
                                       for i in range(1, len(_SCHEMA_LINE))) + ")"


def _log(root: Path, relative: list[str], only_content: bool, found: FileDates) -> None:
    output = _git(root, "log", "--format=%x00%cs", "--name-only", "--relative",
                  *(["-G", _CONTENT_LINE] if only_content else []), "--", *relative)
    if output is None:
        return
    for block in output.split("\0")[1:]:
        lines = block.strip("\n").split("\n")
        try:
            when = date.fromisoformat(lines[0].strip())
        except ValueError:
            continue
        for name in filter(None, (line.strip() for line in lines[1:])):
            first, last = found.get(name, (when, when))
            found[name] = (min(first, when), max(last, when))  # newest commits come first


def files_of(value, found: set[str] | None = None) -> set[str]:
    """The data files a model value was read from (its nodes' origins)."""
    found = set() if found is None else found
    if isinstance(value, Nodo):
        if value._origin is not None:
            found.add(value._origin.file)
        return found  # a node's children come from the same file
    if isinstance(value, (list, tuple)):
        for item in value:
            files_of(item, found)
    elif isinstance(value, Piao):  # the plan's own files, not those every plan shares (ente, statement)
        for name in type(value).model_fields:
            if name not in ("ente", "dichiarazione", "obiettivi_accessibilita"):
                files_of(getattr(value, name), found)
    return found


def from_git(files: set[str], history: FileDates) -> Dates:
    known = [history[name] for name in files if name in history]
    if not known:
        return Dates()
    return Dates(min(first for first, _ in known), max(last for _, last in known))


def plan_dates(plan: Piao, history: FileDates) -> Dates:
    """A plan's publication and last update, for the home page, the archive and its own pages."""
    git = from_git(files_of(plan), history)
    published = plan.piano.data_pubblicazione or git.pubblicato_il
    updated = plan.piano.aggiornato_il or git.aggiornato_il or published
    return Dates(published, _not_before(updated, published))


def page_dates(sources: set[str], plan: Piao | None, history: FileDates, data_updates: list[date] = ()) -> Dates:
    """A page of a plan: the plan's publication date; its last update from the data (the plan's
    «aggiornato_il», the variation acts that touched the page) or from its own files' history."""
    git = from_git(sources, history)
    published = (plan.piano.data_pubblicazione if plan else None) or git.pubblicato_il
    in_data = [d for d in ([plan.piano.aggiornato_il] if plan else []) + list(data_updates) if d]
    updated = max(in_data) if in_data else git.aggiornato_il
    return Dates(published, _not_before(updated or published, published))


def statement_dates(site: Sito, history: FileDates) -> Dates:
    statement = site.dichiarazione
    git = from_git(files_of(statement) if statement else set(), history)
    if statement is None:
        return git
    published = statement.redazione.data or git.pubblicato_il
    updated = statement.redazione.ultimo_riesame or git.aggiornato_il or published
    return Dates(published, _not_before(updated, published))


def _not_before(updated: date | None, published: date | None) -> date | None:
    if updated and published and updated < published:
        return published
    return updated


def date_pages(pages: list, site: Sito, history: FileDates) -> None:
    """Give every generated page (``pages.PageSpec``) its dates."""
    of_plan = {id(p): plan_dates(p, history) for p in site.piani}  # each plan's dates, computed once
    for spec in pages:
        plan = spec.plan
        rule = spec.kind.dates  # what its kind says (site/kinds/)
        if rule == "statement":
            spec.dates = statement_dates(site, history)
        elif rule == "none":
            spec.dates = Dates()  # about the site itself, not about the plan's data
        elif rule == "sources":  # Amministrazione trasparente, open data: the plans a page shows, its other sources
            every = [of_plan[id(p)] for p in spec.context["piani_fonte"]]
            other = from_git(files_of([n for n in spec.context.get("fonti", []) if n is not None]), history)
            published = [d.pubblicato_il for d in every + [other] if d.pubblicato_il]
            updated = [d.aggiornato_il for d in every + [other] if d.aggiornato_il]
            spec.dates = Dates(min(published) if published else None, max(updated) if updated else None)
        elif rule == "site":  # the home page and the archive: the plan in force, and every plan's dates
            dates = {p.piano.segmento: of_plan[id(p)] for p in site.piani}
            spec.dates = dates[site.corrente.piano.segmento]
            spec.context["date_piani"] = dates
            spec.context["fine_pubblicazione"] = {p.piano.segmento: publication_end(p, dates[p.piano.segmento])
                                                  for p in site.piani}
        else:
            own = [v for k, v in spec.context.items() if isinstance(v, Nodo) and k not in ("plan", "index")]
            own += spec.context.get("obiettivi") or []  # a unit's printable page: its objectives too
            sources = files_of(own) or files_of(plan)
            updates = []
            obiettivo = spec.context.get("obiettivo")
            if obiettivo is not None and plan.variazioni:
                acts = [a for a in plan.variazioni.atti if any(m.obiettivo == obiettivo.id for m in a.modifiche)]
                updates += [a.data for a in acts if a.data]
                if acts:
                    sources |= files_of(plan.variazioni)
            spec.dates = page_dates(sources, plan, history, updates)


def publication_end(plan: Piao, dates: Dates) -> date | None:
    """The last day a plan must stay published (D.Lgs. 33/2013 art. 8 c. 3): five years from 1 January of
    the year after its publication, and in any case while it has effect (the end of its period)."""
    year = dates.pubblicato_il.year if dates.pubblicato_il else plan.piano.anno_inizio
    if year is None:
        return None
    end = date(year + 5, 12, 31)
    if plan.piano.anno_fine and plan.piano.anno_fine > end.year:
        end = date(plan.piano.anno_fine, 12, 31)
    return end
