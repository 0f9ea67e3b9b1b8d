"""The report's HTML page in a real browser: headless Chromium driven by Selenium (`nox -s report_browser`).

The pages are rendered afresh from the committed reports' JSON: every divergence is on the page, the
filters narrow the map, a cell opens its reproducer. CONFORMANCE_SCREENSHOT names where the map's
screenshot goes (the nox session: reports/map.png, which the README shows).
"""

import json
import os
import shutil
from pathlib import Path

import pytest

from conformance import html, schema, views

webdriver = pytest.importorskip("selenium.webdriver", reason="no selenium: nox -s report_browser installs it")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

REPORTS = Path(__file__).parents[2] / "reports"
SESSIONS = sorted(REPORTS.glob("*/report.json"))
BROWSERS = ("chromium", "chromium-browser", "google-chrome")


@pytest.fixture(scope="module")
def browser():
    binary = next(filter(None, map(shutil.which, BROWSERS)), None)
    driver_binary = shutil.which("chromedriver")
    if binary is None or driver_binary is None:
        pytest.skip("no Chromium: install chromium and chromium-driver (Debian: apt-get install chromium "
                    "chromium-driver), or run `nox -s report_browser`, which does")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000"):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(driver_binary))
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def reports() -> list[dict]:
    if not SESSIONS:
        pytest.skip("no report in reports/: run the suite first (nox -s cpu)")
    return [schema.load_report(path) for path in SESSIONS]


@pytest.fixture(scope="module")
def session_page(reports, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("page") / "index.html"
    path.write_text(html.render(reports[:1]))
    return path


def _open(browser, path: Path) -> None:
    browser.get(path.as_uri())
    assert browser.find_element(By.ID, "map-table")


def _visible_rows(browser) -> list:
    return browser.execute_script(
        "return Array.from(document.querySelectorAll('#map-table tbody tr'))"
        ".filter(r => !r.hidden).map(r => [r.dataset.area, r.dataset.name]);")


def _on_page(browser) -> set[tuple[str, str]]:
    found = browser.execute_script(
        "return Array.from(document.querySelectorAll('[data-divergence]'))"
        ".map(e => [e.dataset.session, e.dataset.divergence]);")
    return {tuple(pair) for pair in found}


def _expected(reports: list[dict]) -> set[tuple[str, str]]:
    return {(data["session"], f"{views.entry_key(d)}|{d['area']}|{d['case']}")
            for data in reports for d in data["divergences"] + data.get("vanished", [])}


def test_every_divergence_of_the_json_is_on_the_page(browser, reports, session_page):
    _open(browser, session_page)
    assert _on_page(browser) == _expected(reports[:1])


def test_the_combined_page_shows_every_session(browser, reports, tmp_path):
    path = tmp_path / "index.html"
    path.write_text(html.render(reports, combined=True))
    _open(browser, path)
    assert _on_page(browser) == _expected(reports)
    stripes = browser.execute_script("return document.querySelector('#map-table td.cell').children.length;")
    assert stripes == len(reports) * len(html.page(reports)["modes"])


def test_the_area_filter_narrows_the_rows(browser, reports, session_page):
    _open(browser, session_page)
    everything = _visible_rows(browser)
    area = "matmul" if any(a == "matmul" for a, _ in everything) else everything[-1][0]
    Select(browser.find_element(By.ID, "f-area")).select_by_visible_text(area)
    narrowed = _visible_rows(browser)
    assert 0 < len(narrowed) < len(everything) and {a for a, _ in narrowed} == {area}
    assert browser.find_element(By.ID, "shown").text == f"{len(narrowed)} of {len(everything)} functions"


def test_the_search_finds_a_function(browser, session_page):
    _open(browser, session_page)
    names = [name for _, name in _visible_rows(browser)]
    wanted = "arctan2" if "arctan2" in names else names[0]
    box = browser.find_element(By.ID, "search")
    box.send_keys(wanted)
    found = _visible_rows(browser)
    assert found and all(wanted in name for _, name in found) and len(found) < len(names)


def test_a_cell_opens_its_reproducer(browser, reports, session_page):
    _open(browser, session_page)
    cell = browser.find_element(By.CSS_SELECTOR, "#map-table td.cell[data-opens]:not([data-opens=''])")
    opened = cell.get_attribute("data-opens").split()
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", cell)
    cell.click()
    panel = browser.find_element(By.ID, "panel")
    assert panel.is_displayed()
    reproducers = panel.find_elements(By.CSS_SELECTOR, "pre.reproducer")
    assert len(reproducers) == len(opened) and reproducers[0].is_displayed()
    found = reports[0]["divergences"] + reports[0].get("vanished", [])
    texts = {d["smallest"]["reproducer"].strip() for d in found}
    assert reproducers[0].text.strip() in texts and "import jax.numpy as jnp" in reproducers[0].text


def test_the_map_screenshot(browser, session_page, tmp_path):
    """The map as a reader first sees it, for the README."""
    _open(browser, session_page)
    browser.execute_script("document.getElementById('map').scrollIntoView();")
    target = Path(os.environ.get("CONFORMANCE_SCREENSHOT") or tmp_path / "map.png")
    target.parent.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(target)) and target.stat().st_size > 10_000
    print(f"map screenshot: {target} ({json.dumps(browser.get_window_size())})")
