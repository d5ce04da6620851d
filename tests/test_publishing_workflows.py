"""The CI templates a comune copies: validate, build strictly, check accessibility, then deploy."""

from __future__ import annotations

import yaml

from conftest import REPO


def test_github_workflow_deploys_only_after_every_check():
    workflow = yaml.safe_load((REPO / ".github/workflows/pubblica.yml").read_text(encoding="utf-8"))
    steps = [step.get("run", step.get("uses", "")) for step in workflow["jobs"]["verifica"]["steps"]]
    order = [next(i for i, s in enumerate(steps) if needle in s)
             for needle in ("make validate", "make site", "make check-a11y", "upload-pages-artifact")]
    assert order == sorted(order)
    assert workflow["jobs"]["pubblica"]["needs"] == "verifica"
    assert workflow["jobs"]["pubblica"]["steps"][0]["uses"].startswith("actions/deploy-pages")


def test_gitlab_pipeline_deploys_only_after_every_check():
    pipeline = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert pipeline["verifica"]["script"] == ["make validate", "make site", "make check-a11y"]
    assert pipeline["pages"]["needs"] == ["verifica"]
    assert pipeline["stages"] == ["verifica", "pubblica"]


def test_makefile_targets_used_by_the_templates_exist():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    for target in ("validate:", "site:", "check-a11y:", "test:", "serve:"):
        assert f"\n{target}" in makefile
