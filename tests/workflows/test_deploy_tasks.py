"""The invoke tasks people run: their names, and publish/gh-pages refusing or composing."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from paperfeed.testing import ROOT, invoke_command

DEPLOY_VARIABLES = ("PAPERFEED_SITEURL", "PAPERFEED_SSH_HOST", "PAPERFEED_SSH_PATH")
# The last step of `invoke build`: Pagefind over the paper pages, in shards.
SEARCH_INDEX = f"search_index.py --site {ROOT / 'output'}"


def _run(command: list[str], cwd: Path, env: dict[str, str] | None = None):
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def environment(**values: str) -> dict[str, str]:
    """This process's environment without any deploy setting, plus `values`.

    `invoke --dry` then prints each command it would run as plain text, one per line.
    """
    env = {key: value for key, value in os.environ.items() if not key.startswith("PAPERFEED_")}
    return env | {"INVOKE_RUN_ECHO_FORMAT": "{command}"} | values


def test_invoke_list_shows_the_tasks_people_run():
    result = _run(invoke_command("--list", "--list-format", "json"), cwd=ROOT)

    names = {entry["name"] for entry in json.loads(result.stdout)["tasks"]}
    assert {"build", "serve", "fetch", "check", "publish", "gh-pages"} <= names


@pytest.mark.parametrize(
    ("task", "missing"),
    [("publish", DEPLOY_VARIABLES), ("gh-pages", ("PAPERFEED_SITEURL",))],
)
def test_deploy_without_settings_says_which_to_set(tmp_path, task, missing):
    result = _run(invoke_command(task), cwd=tmp_path, env=environment())

    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"{task}: set {', '.join(missing)} first (see the Deploy section of README.md)"
    ]


def test_publish_checks_builds_with_publishconf_then_rsyncs_over_ssh(tmp_path):
    env = environment(
        PAPERFEED_SITEURL="https://papers.example.org",
        PAPERFEED_SSH_HOST="example.org",
        PAPERFEED_SSH_USER="deploy",
        PAPERFEED_SSH_PORT="2222",
        PAPERFEED_SSH_PATH="/var/www/paperfeed",
    )

    result = _run(invoke_command("--dry", "publish"), cwd=tmp_path, env=env)

    check, pelican, search, rsync = result.stdout.splitlines()
    assert result.returncode == 0
    assert check.endswith(
        f"check.py --no-render --content-dir {ROOT / 'content' / 'papers'} "
        f"--topics {ROOT / 'content' / 'topics.yaml'}"
    )
    assert pelican.endswith(
        f"-m pelican {ROOT / 'content'} -o {ROOT / 'output'} -s {ROOT / 'publishconf.py'}"
    )
    assert search.endswith(SEARCH_INDEX)
    assert rsync == (
        "rsync --delete --exclude .DS_Store -pthrvz -c -e 'ssh -p 2222' "
        f"{ROOT / 'output'}/ deploy@example.org:/var/www/paperfeed"
    )


@pytest.mark.parametrize(("options", "push"), [((), " -p"), (("--no-push",), "")])
def test_gh_pages_builds_then_commits_output_with_ghp_import(tmp_path, options, push):
    env = environment(PAPERFEED_SITEURL="https://user.github.io/paperfeed")

    result = _run(invoke_command("--dry", "gh-pages", *options), cwd=tmp_path, env=env)

    *_, pelican, search, ghp_import = result.stdout.splitlines()
    assert result.returncode == 0
    assert pelican.endswith(f"-s {ROOT / 'publishconf.py'}")
    assert search.endswith(SEARCH_INDEX)
    assert ghp_import.endswith(
        f"-m ghp_import -n -b gh-pages -r origin -m 'Publish the site'{push} {ROOT / 'output'}"
    )


@pytest.mark.parametrize(
    ("options", "address"),
    [
        ((), "http://127.0.0.1:8000"),
        (("--port", "8123"), "http://127.0.0.1:8123"),
        (("--port", "8123", "--bind", "0.0.0.0"), "http://127.0.0.1:8123"),
        (("--port", "9000", "--bind", "::"), "http://[::1]:9000"),
        (("--port", "9000", "--bind", "::1"), "http://[::1]:9000"),
    ],
)
def test_serve_gives_the_feeds_the_address_and_port_it_serves_on(tmp_path, options, address):
    result = _run(invoke_command("--dry", "serve", *options), cwd=tmp_path, env=environment())

    (pelican,) = result.stdout.splitlines()
    port = dict(zip(options[::2], options[1::2], strict=True)).get("--port", "8000")
    assert f" --listen --port {port} " in pelican
    assert pelican.endswith(f"""'FEED_DOMAIN="{address}"'""")
