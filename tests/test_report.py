"""``report``: one self-contained page, looked at the way a person would: rendered by headless
Chromium (Debian's ``chromium``), its DOM and a screenshot checked for what the page shows."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import EDITED_TITLE, HOSTILE_TITLE, CrawledSite
from lxml import html
from PIL import Image

from scraper.cli import main
from scraper.outputs.charts import BAR
from scraper.outputs.report import STYLE, ReportData, diff_html, render
from tests.crawling import articles

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
needs_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (.ci/run installs it)"
)
WIDTH, HEIGHT = 1100, 1800
BAR_RGB = tuple(int(BAR[i : i + 2], 16) for i in (1, 3, 5))


@pytest.fixture(scope="module")
def report(crawled_site: CrawledSite, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("report") / "report.html"
    assert main(["report", "-o", str(target), "--database-url", crawled_site.database_url]) == 0
    return target


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}", f"--window-size={WIDTH},{HEIGHT}", *args,
    ]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)


def test_the_page_loads_nothing_and_runs_nothing(report: Path) -> None:
    page = html.fromstring(report.read_bytes())
    assert page.xpath("//script") == []
    assert page.xpath("//@src") == [] and page.xpath("//link") == []
    policy = page.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert policy == ["default-src 'none'; style-src 'unsafe-inline'; img-src data:"]
    assert all(href.startswith("http") for href in page.xpath("//a/@href"))
    assert "\x1b" not in report.read_text(encoding="utf-8")


@pytest.mark.browser
@needs_chromium
def test_chromium_shows_the_charts_topics_and_changes(
    report: Path, crawled_site: CrawledSite, tmp_path: Path
) -> None:
    dom = html.fromstring(chromium(tmp_path, "--dump-dom", report.as_uri()).stdout)
    text = dom.text_content()
    for heading in (
        "Số bài đăng theo tháng",
        "Số bài theo chuyên mục",
        "Chủ đề theo dõi",
        "Thay đổi gần đây",
    ):
        assert heading in [h.text_content() for h in dom.xpath("//h2")]
    stored = articles(crawled_site.database_url)
    categories = {a.category for a in stored}
    assert {t.text_content() for t in dom.xpath("//svg[2]//text")} >= categories  # Vietnamese intact
    bars = dom.xpath("//svg[1]//rect[@class='bar']")
    assert sum(float(b.get("height")) > 0 for b in bars) == len(
        {a.published_at.strftime("%Y-%m") for a in stored}
    )
    assert "Biên giới, biển đảo và thông tin đối ngoại (border)" in text
    assert dom.xpath("//script") == []  # the hostile article's <script> is text, not an element
    hostile = dom.xpath("//a[starts-with(text(), '<script>')]")[0]
    assert hostile.text == "<script>alert('tiêu đề')</script> Biên giới [31mĐỎ[0m 2J"
    assert HOSTILE_TITLE.startswith(hostile.text[:30])
    edited = dom.xpath(f"//a[text()='{EDITED_TITLE}']/ancestor::p/following-sibling::div[1]")[0]
    assert [i.text for i in edited.xpath(".//ins")] == [EDITED_TITLE]
    assert len(edited.xpath(".//del")) == 1


@pytest.mark.browser
@needs_chromium
def test_the_screenshot_shows_drawn_bars(report: Path, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    chromium(tmp_path, f"--screenshot={shot}", report.as_uri())
    image = Image.open(shot).convert("RGB")
    assert image.size == (WIDTH, HEIGHT)
    pixels = image.load()
    blue = [(x, y) for x in range(0, WIDTH, 2) for y in range(0, HEIGHT, 2) if pixels[x, y] == BAR_RGB]
    assert len(blue) > 2000  # both charts' bars, painted
    months_chart = [y for _, y in blue if y < HEIGHT // 4]
    assert months_chart, "the monthly chart is at the top of the page"
    assert len(image.getcolors(1 << 20) or []) > 50  # text, links, backgrounds: not a blank page


def test_diffs_are_escaped_and_changed_words_marked() -> None:
    shown = diff_html(
        "--- before\n+++ after\n@@ -1 +1 @@\n-Hạn chót <b>30/5</b>\n+Hạn chót <script>31/5</script>"
    )
    assert shown == (
        '<div class="hunk">@@ -1 +1 @@</div>'
        '<div class="del">-Hạn chót <del>&lt;b&gt;30/5&lt;/b&gt;</del></div>'
        '<div class="add">+Hạn chót <ins>&lt;script&gt;31/5&lt;/script&gt;</ins></div>'
    )


def test_a_report_before_any_change_says_so() -> None:
    first_crawl_only = ReportData(
        site="sotttt.angiang.gov.vn", generated_at=datetime(2026, 12, 3, tzinfo=UTC), articles=40,
        removed=0, last_run=None, months=[], categories=[], topics=[], documents=[], changes=[],
    )  # fmt: skip
    page = html.fromstring(render(first_crawl_only))
    [documents] = page.xpath("//h2[text()='Văn bản mới']")
    assert documents.getnext().text_content() == "Chưa đọc được văn bản đính kèm nào."
    [heading] = page.xpath("//h2[text()='Thay đổi gần đây']")
    assert heading.getnext().text_content() == (
        "Chưa có thay đổi nào: không bài nào được sửa hay gỡ từ lần thu thập đầu."
    )


def test_the_diffs_are_drawn_in_a_font_that_has_every_vietnamese_letter() -> None:
    # A monospace font drew ế and ở from a fallback font, their marks out of line with the word.
    diff_rule = next(line for line in STYLE.splitlines() if line.startswith(".diff{font"))
    assert "font-family" not in diff_rule  # the page's own stack, whose fonts carry them
    assert "'DejaVu Sans'," in STYLE.split("body{font-family:")[1].split(";")[0]
    if shutil.which("fc-list"):
        for letter in "ếởặữỹịẫ":
            covering = subprocess.run(
                ["fc-list", f":charset={ord(letter):x}", "family"], capture_output=True, text=True, check=True
            ).stdout.splitlines()
            assert "DejaVu Sans" in covering, letter
