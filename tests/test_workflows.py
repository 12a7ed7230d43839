"""The GitHub workflows: linted by actionlint, audited by zizmor (offline), and shaped as the issue asks."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO

WORKFLOWS = REPO / ".github" / "workflows"
BIN = Path(sys.executable).parent
PINNED_RE = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w./-]+)?@[0-9a-f]{40}$")
VERSION_COMMENT_RE = re.compile(r"uses: \S+@[0-9a-f]{40} # v\d+(?:\.\d+)*$")


def load(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text("utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def zizmor(folder: Path) -> subprocess.CompletedProcess:
    files = sorted(str(p) for p in folder.glob("*.y*ml"))
    assert files
    return subprocess.run(
        [str(BIN / "zizmor"), "--offline", "--no-progress", "--persona=pedantic", *files],
        capture_output=True, text=True,
    )


def actionlint(*files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "actionlint"), *map(str, files)], capture_output=True, text=True, cwd=REPO)


def test_zizmor_finds_nothing_offline():
    result = zizmor(WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_would_catch_an_unpinned_action(tmp_path: Path):
    broken = tmp_path / "workflows"
    shutil.copytree(WORKFLOWS, broken)
    ci = broken / "ci.yml"
    ci.write_text(re.sub(r"actions/checkout@[0-9a-f]{40}", "actions/checkout@v4", ci.read_text("utf-8")), "utf-8")
    result = zizmor(broken)
    assert result.returncode != 0 and "unpinned" in result.stdout


def test_actionlint_passes():
    files = sorted(WORKFLOWS.glob("*.y*ml"))
    assert files
    result = actionlint(*files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_would_catch_a_bad_expression(tmp_path: Path):
    bad = tmp_path / "bad.yml"
    bad.write_text((WORKFLOWS / "pages.yml").read_text("utf-8").replace("steps.deployment.outputs", "steps.deployment.output"))
    assert actionlint(bad).returncode != 0


@pytest.mark.parametrize("name", ["ci.yml", "pages.yml"])
def test_every_action_is_pinned_to_a_commit_with_its_version(name: str):
    text = (WORKFLOWS / name).read_text("utf-8")
    uses = [step["uses"] for step in steps(load(name)) if "uses" in step]
    assert uses
    for ref in uses:
        assert PINNED_RE.match(ref), ref
    for line in text.splitlines():
        if "uses:" in line:
            assert VERSION_COMMENT_RE.search(line.strip()), line


@pytest.mark.parametrize("name", ["ci.yml", "pages.yml"])
def test_read_only_by_default_and_no_credentials_left_behind(name: str):
    workflow = load(name)
    assert workflow["permissions"] == {"contents": "read"}
    assert "pull_request_target" not in workflow["on"]
    checkouts = [s for s in steps(workflow) if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts and all(s["with"]["persist-credentials"] is False for s in checkouts)


def test_pull_requests_run_tests_check_strict_build_and_upload_a_preview():
    workflow = load("ci.yml")
    assert set(workflow["on"]) == {"pull_request"}
    runs = " ; ".join(s.get("run", "") for s in steps(workflow))
    assert "make test" in runs and "make check" in runs and "newswiki build" in runs
    assert all(not job.get("permissions") for job in workflow["jobs"].values())
    upload = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"].rstrip("/") == "site"
    pythons = [s for s in steps(workflow) if s.get("uses", "").startswith("actions/setup-python@")]
    assert pythons and all(s["with"]["cache"] == "pip" for s in pythons)
    makefile = (REPO / "Makefile").read_text("utf-8")
    assert re.search(r"^check:.*\n\t\$\(BIN\)/newswiki build --check$", makefile, re.M)


def test_push_to_main_deploys_with_pages_actions_and_least_privilege():
    workflow = load("pages.yml")
    assert workflow["on"]["push"]["branches"] == ["main"] and "workflow_dispatch" in workflow["on"]
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    jobs = workflow["jobs"]
    build_uses = [s.get("uses", "").split("@")[0] for s in jobs["build"]["steps"]]
    assert "actions/configure-pages" in build_uses and "actions/upload-pages-artifact" in build_uses
    assert "permissions" not in jobs["build"]
    deploy = jobs["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    upload = next(s for s in jobs["build"]["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"].rstrip("/") == "site"


def test_pull_request_template_lists_the_checks():
    template = (REPO / ".github" / "pull_request_template.md").read_text("utf-8")
    for needle in ("newswiki build", "docs/", "corpus/", "CONTRIBUTING.md"):
        assert needle in template


def test_the_deployed_site_is_told_its_address_before_it_is_built():
    """Without site_url MkDocs writes the 404 page's links from the host's root (/assets/...): on a
    project site (https://owner.github.io/newswiki/) the 404 page would load no styles and link
    nowhere. configure-pages knows the address; a step hands it to mkdocs.yml before the build."""
    build = load("pages.yml")["jobs"]["build"]["steps"]
    configure = next(i for i, s in enumerate(build) if s.get("uses", "").startswith("actions/configure-pages@"))
    make = next(i for i, s in enumerate(build) if s.get("run", "").strip() == "make build")
    step_id = build[configure].get("id")
    assert step_id and configure < make
    [address] = [
        s for s in build[configure + 1 : make] if "site_url" in s.get("run", "") and "mkdocs.yml" in s.get("run", "")
    ]
    values = list(address.get("env", {}).values())
    assert values == [f"${{{{ steps.{step_id}.outputs.base_url }}}}"]  # through env, never spliced into the script


def test_the_test_job_uses_the_runner_s_chromium_and_stops_without_it():
    """GitHub's Ubuntu images ship Chromium as /usr/bin/chromium (the path tests/browser drives);
    Ubuntu's archive has no `chromium` package, so `apt-get install chromium` stopped the job on every
    pull request. Without the browser the browser tests would be skipped, so the job checks it is there."""
    test_job = load("ci.yml")["jobs"]["test"]["steps"]
    runs = [s.get("run", "") for s in test_job]
    assert not [r for r in runs if re.search(r"apt(-get)? install\b.*\bchromium\b", r)]
    browser = next(i for i, r in enumerate(runs) if "/usr/bin/chromium --version" in r)
    assert browser < next(i for i, r in enumerate(runs) if r.strip() == "make test")
    from tests.browser.conftest import CHROMIUM

    assert str(CHROMIUM) == "/usr/bin/chromium"
