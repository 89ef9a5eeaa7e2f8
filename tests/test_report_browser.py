"""Each example report opened in a real browser (headless Chromium driven by Selenium):
every picture loads, the page logs no console error, and the answer is visible.

Chromium comes from Debian's ``chromium`` and ``chromium-driver`` packages, which
``.ci/run`` installs; where they (or Selenium) are missing the test is skipped and says
why. Screenshots go to a temporary folder (or ``$RANGES_SCREENSHOTS`` when set), never
into the repository.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                  "--window-size=1200,1800")


def _browser_or_skip():  # type: ignore[no-untyped-def]
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip("selenium is not installed (pip install -e '.[test]')")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if chromium is None or driver is None:
        reason = ("headless Chromium is not installed (Debian: apt-get install chromium "
                  "chromium-driver; .ci/run does it where it can)")
        print(f"skipped: {reason}")
        pytest.skip(reason)
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(driver), options=options)


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    driver = _browser_or_skip()
    yield driver
    driver.quit()


@pytest.mark.parametrize("stem", ["death_toll", "project_budget", "seed_deployment"])
def test_the_report_opens_in_chromium(browser, example_reports, stem, tmp_path) -> None:
    (html,) = [p for p in example_reports[stem] if p.suffix == ".html"]
    browser.get(html.resolve().as_uri())
    widths = browser.execute_script(
        "return Array.from(document.images).map(i => [i.complete, i.naturalWidth])")
    assert len(widths) >= 2
    assert all(complete and width > 0 for complete, width in widths), widths
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []
    answer = browser.find_element("css selector", "p.answer")
    assert answer.is_displayed() and answer.text.strip()
    rect = answer.rect
    assert rect["width"] > 100 and rect["height"] > 10 and rect["y"] < 1800  # above the fold
    shots = Path(os.environ.get("RANGES_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(shots / f"{stem}.png"))
