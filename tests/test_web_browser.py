"""The web interface as a person uses it, in Debian's chromium driven by chromium-driver (Selenium):
type a query without diacritics, see the matches highlighted, open an article, see what changed,
follow a feed link. Screenshots of each page go to ``tests/artefacts/web/`` (not kept in git)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import EDITED_TITLE, CrawledSite
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from tests.crawling import ROOT

CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")
SCREENSHOTS = ROOT / "tests" / "artefacts" / "web"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)"),
    pytest.mark.skipif(
        CHROMEDRIVER is None, reason="Debian's chromium-driver is not installed (.ci/run installs it)"
    ),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    assert CHROMIUM is not None and CHROMEDRIVER is not None
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1400"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(5)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    try:
        yield driver
    finally:
        driver.quit()


def screenshot(driver: webdriver.Chrome, name: str) -> Path:
    path = SCREENSHOTS / f"{name}.png"
    assert driver.save_screenshot(str(path)) and path.stat().st_size > 10_000
    return path


def refused(driver: webdriver.Chrome) -> list[str]:
    """What the browser refused or failed to run or load since it was last asked (CSP violations...)."""
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def test_search_open_an_article_see_the_diff_follow_its_feed(web_url: str, browser: webdriver.Chrome) -> None:
    browser.get(f"{web_url}/?since=2000-01-01")
    assert browser.title == "Bài mới · sotttt-monitor"
    assert len(browser.find_elements(By.CSS_SELECTOR, "table.list tbody tr")) == 20
    screenshot(browser, "new")
    browser.find_element(By.LINK_TEXT, "Tìm kiếm").click()
    box = browser.find_element(By.NAME, "q")
    box.send_keys("bien gioi", Keys.ENTER)
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("q=bien+gioi"))
    marks = {m.text.lower() for m in browser.find_elements(By.CSS_SELECTOR, "li.hit mark")}
    assert marks == {"biên giới"}
    highlighted = browser.find_element(By.CSS_SELECTOR, "li.hit mark")
    assert (
        highlighted.value_of_css_property("background-color") == "rgba(254, 252, 191, 1)"
    )  # the stylesheet's
    assert browser.find_element(By.NAME, "q").get_attribute("value") == "bien gioi"
    screenshot(browser, "search")
    browser.find_element(By.PARTIAL_LINK_TEXT, "(đã sửa)").click()
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("/articles/"))
    assert browser.find_element(By.TAG_NAME, "h1").text == EDITED_TITLE
    inserted = " ".join(e.text for e in browser.find_elements(By.CSS_SELECTOR, ".diff ins"))
    deleted = " ".join(e.text for e in browser.find_elements(By.CSS_SELECTOR, ".diff del"))
    assert "(đã sửa)" in inserted and "giao lưu hữu nghị" in deleted
    screenshot(browser, "article")
    assert refused(browser) == []  # no style, script or image the CSP had to block
    browser.find_element(By.LINK_TEXT, "border").click()
    browser.find_element(By.LINK_TEXT, "Atom").click()
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("/feeds/topics/border.atom"))
    assert EDITED_TITLE in browser.page_source
    screenshot(browser, "feed")


def test_the_health_page_and_the_change_log(web_url: str, browser: webdriver.Chrome) -> None:
    browser.get(f"{web_url}/runs")
    health = browser.find_element(By.CSS_SELECTOR, "p.health")
    assert health.text.endswith("finished · 9 passed") and "good" in health.get_attribute("class")
    screenshot(browser, "runs")
    browser.get(f"{web_url}/changes?since=2000-01-01")
    assert browser.find_element(By.PARTIAL_LINK_TEXT, "(đã sửa)").text == EDITED_TITLE
    screenshot(browser, "changes")
    assert refused(browser) == []


def test_a_hostile_article_runs_nothing(
    web_url: str, browser: webdriver.Chrome, crawled_site: CrawledSite
) -> None:
    browser.get(f"{web_url}/search?q=tieu+de")
    browser.find_element(By.PARTIAL_LINK_TEXT, "<script>alert(").click()
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("/articles/"))
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.accept()
    assert browser.title.startswith(
        "<script>alert('tiêu đề')</script> Biên giới"
    )  # text, not document.title='x'
    body = browser.find_element(By.CSS_SELECTOR, "div.body").text
    assert "<img src=x onerror=alert(1)>" in body and "</textarea><script>document.title='x'</script>" in body
    assert browser.execute_script("return document.querySelectorAll('main img, main script').length") == 0
    screenshot(browser, "hostile")
    assert refused(browser) == []
