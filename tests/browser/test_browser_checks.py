"""Accessibility (axe-core in the browser) and HTML validity (the Nu Html Checker)."""

import json
import subprocess

import pytest
from browser_site import PAGES, search_results

SERIOUS = {"serious", "critical"}


def _violations(page, axe_script) -> list[str]:
    page.add_script_tag(path=str(axe_script))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{rule['impact']}: {rule['id']} ({rule['help']}) at "
        + ", ".join(str(node["target"]) for node in rule["nodes"][:3])
        for rule in result["violations"]
        if rule["impact"] in SERIOUS
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_serious_violation(new_page, axe_script, name, scheme):
    page = new_page(color_scheme=scheme)
    page.goto(PAGES[name])
    if name == "search":
        search_results(page)
    assert _violations(page, axe_script) == []


@pytest.mark.parametrize("name", ["home", "paper"])
def test_axe_finds_no_serious_violation_with_dark_chosen_and_an_abstract_open(
    new_page, axe_script, name
):
    page = new_page(color_scheme="light")
    page.goto(PAGES[name])
    page.get_by_label("Theme").select_option("dark")
    if name == "home":
        page.locator(".paper-card-abstract summary").first.click()
    assert _violations(page, axe_script) == []


def test_nu_html_checker_finds_no_error(vnu_command, site):
    paths = [PAGES[name].split("?")[0] for name in PAGES]
    files = [
        site / path if path.endswith(".html") else site / path / "index.html" for path in paths
    ]
    result = subprocess.run(
        [*vnu_command, "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{m.get('url', '').rsplit('/', 3)[-3:]} line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] in ("error", "non-document-error")
    ]
    assert errors == []
    assert result.returncode == 0
