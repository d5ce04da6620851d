"""Trasparenza as a package a comune installs: the wheel carries the theme and every module, a site built
with the installed wheel is the site built here, a new version rebuilds a site unchanged; publiccode.yml
has the standard's mandatory keys and the package's version."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import yaml

from conftest import ENV, NEW_SITE, REPO

PACKAGE = REPO / "plugins" / "trasparenza"


def _wheel(source: Path, out: Path) -> Path:
    """A wheel built from a copy of the working tree (no build isolation: setuptools is in the environment)."""
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                           "--disable-pip-version-check", "-w", str(out), str(source)],
                          capture_output=True, text=True, env=ENV)
    assert done.returncode == 0, done.stdout + done.stderr
    return next(out.glob("trasparenza-*.whl"))


def _copy_tree(target: Path) -> Path:
    """The package's sources (pyproject, README, plugins/, theme/) without build leftovers."""
    files = subprocess.run(["git", "-C", str(REPO), "ls-files", "-z", "--cached", "--others", "--exclude-standard",
                            "pyproject.toml", "README.md", "plugins", "theme"],
                           check=True, capture_output=True).stdout.decode().split("\0")
    for name in filter(None, files):
        if (REPO / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            (target / name).write_bytes((REPO / name).read_bytes())
    return target


def test_the_wheel_carries_the_theme_and_every_module_and_a_site_builds_with_it(tmp_path):
    source = _copy_tree(tmp_path / "sorgenti")
    wheel = _wheel(source, tmp_path / "dist")
    names = set(zipfile.ZipFile(wheel).namelist())
    theme = {p.relative_to(REPO).as_posix() for p in (REPO / "theme").rglob("*")
             if p.is_file() and "__pycache__" not in p.parts}
    assert {"trasparenza/" + name for name in theme} <= names
    modules = {p.relative_to(PACKAGE.parent).as_posix() for p in PACKAGE.rglob("*.py")}
    assert modules <= names, sorted(modules - names)
    assert {p.relative_to(PACKAGE.parent).as_posix() for p in (PACKAGE / "new_site" / "files").rglob("*")
            if p.is_file()} <= names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]

    # Installed apart (its own folder first on the path): a new comune's site from the installed copy.
    installed = tmp_path / "installato"
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(installed),
                           "--disable-pip-version-check", str(wheel)], capture_output=True, text=True, env=ENV)
    assert done.returncode == 0, done.stderr
    env = dict(ENV, PYTHONPATH=str(installed))
    site = tmp_path / "sito"
    done = subprocess.run([sys.executable, "-m", "trasparenza.cli", "nuovo", "sito", str(site), *NEW_SITE],
                          capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    where = subprocess.run([sys.executable, "-c", "import trasparenza.theme as t; print(t.__file__)"],
                           capture_output=True, text=True, env=env).stdout
    assert where.startswith(str(installed))
    build = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(site / "mkdocs.yml")]
    first = subprocess.run(build + ["-d", str(tmp_path / "primo")], capture_output=True, text=True, env=env)
    assert first.returncode == 0, first.stderr
    assert (tmp_path / "primo/assets/trasparenza.css").is_file()
    assert (tmp_path / "primo/assets/fonts/titillium-web-latin-400-normal.woff2").is_file()

    # A new version of the tool (the version bumped) rebuilds the site unchanged.
    pyproject = source / "pyproject.toml"
    pyproject.write_text(re.sub(r'^version = ".*"$', 'version = "99.0.0"', pyproject.read_text(encoding="utf-8"),
                                flags=re.M), encoding="utf-8")
    newer = _wheel(source, tmp_path / "dist2")
    assert "99.0.0" in newer.name
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--upgrade", "--target",
                           str(installed), "--disable-pip-version-check", str(newer)], capture_output=True, text=True,
                          env=env)
    assert done.returncode == 0, done.stderr
    second = subprocess.run(build + ["-d", str(tmp_path / "secondo")], capture_output=True, text=True, env=env)
    assert second.returncode == 0, second.stderr
    assert _tree(tmp_path / "primo") == _tree(tmp_path / "secondo")


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and p.name != "sitemap.xml.gz"}


def test_publiccode_yml_has_the_mandatory_keys_and_the_package_version():
    code = yaml.safe_load((REPO / "publiccode.yml").read_text(encoding="utf-8"))
    version = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    for key in ("publiccodeYmlVersion", "name", "url", "platforms", "developmentStatus", "softwareType",
                "description", "legal", "maintenance", "localisation"):
        assert code.get(key), key
    assert code["softwareVersion"] == version
    assert code["developmentStatus"] in ("concept", "development", "beta", "stable", "obsolete")
    assert code["softwareType"] in ("standalone/mobile", "standalone/iot", "standalone/desktop", "standalone/web",
                                    "standalone/backend", "standalone/other", "addon", "library", "configurationFiles")
    italian = code["description"]["it"]
    assert len(italian["shortDescription"]) <= 150 and 150 <= len(italian["longDescription"]) <= 10000
    assert italian["features"] and all(len(f) <= 100 for f in italian["features"])
    assert code["legal"]["license"] == tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))[
        "project"]["license"]["text"]
    assert code["maintenance"]["type"] in ("internal", "contract", "community", "none")
    if code["maintenance"]["type"] in ("internal", "community"):
        assert all(c.get("name") for c in code["maintenance"]["contacts"])
    assert code["localisation"]["availableLanguages"] == ["it"]
    # The categories of the standard's list (publiccode.yml, «categories-list»).
    assert set(code["categories"]) <= {"content-management", "document-management", "website-builder",
                                       "digital-citizenship", "data-visualization", "data-collection"}
    assert re.fullmatch(r"https://\S+", code["url"])


def test_the_changelog_describes_this_version():
    version = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## {re.escape(version)} — \d{{4}}-\d{{2}}-\d{{2}}$", changelog, re.M)
