"""Site profiles: the shipped ones, a user's own folder, what a malformed file is told, and the crawl
taking its site, hosts, indexes, sections and politeness from one (``scrapy crawl sotttt -a site=NAME``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.crawler import Crawler
from scrapy.settings import Settings
from sqlalchemy import func, select

from mirror.testing import MirrorServer
from scraper import settings as project_settings
from scraper.parsers.article import parse_article
from scraper.sites.profiles import ProfileError, load_profiles, read_profile, site_profile
from scraper.spiders.sotttt import SottttSpider
from scraper.storage.models import Article, ChangeEvent, CrawlRun
from tests.crawling import crawl, session, write_profile


def spider_of(settings: dict[str, str], **arguments: str) -> tuple[SottttSpider, Crawler]:
    """The spider as ``scrapy crawl`` makes it (settings not frozen yet), with the project's settings."""
    everything = Settings()
    everything.setmodule(project_settings)
    everything.setdict(settings, priority="cmdline")
    crawler = Crawler(SottttSpider, everything)
    return SottttSpider.from_crawler(crawler, **arguments), crawler


def test_the_department_ships_with_its_successors_and_a_polite_pace() -> None:
    sotttt = load_profiles()["sotttt"]
    assert sotttt.hosts == ("sotttt.angiang.gov.vn",)
    assert sotttt.successor_hosts == ("sokhcn.angiang.gov.vn", "skhcn.angiang.gov.vn")
    assert sotttt.start_urls == ("https://sotttt.angiang.gov.vn/",)
    assert sotttt.platform == "detect"
    assert sotttt.followed_hostnames == (
        "sotttt.angiang.gov.vn",
        "www.sotttt.angiang.gov.vn",
        "sokhcn.angiang.gov.vn",
        "skhcn.angiang.gov.vn",
    )
    assert sotttt.politeness["DOWNLOAD_DELAY"] == 1.0
    assert sotttt.indexes("https://sokhcn.angiang.gov.vn") == (
        ["https://sokhcn.angiang.gov.vn/sitemap.xml"],
        ["https://sokhcn.angiang.gov.vn/rss.xml"],
    )


def test_a_users_folder_adds_sites_and_may_replace_a_shipped_one(tmp_path: Path) -> None:
    write_profile(tmp_path, "skhcn", "https://skhcn.angiang.gov.vn", platform="drupal")
    write_profile(tmp_path, "sotttt", "http://127.0.0.1:8000")
    profiles = load_profiles(tmp_path)
    assert profiles["skhcn"].platform == "drupal"
    assert profiles["skhcn"].detected_as == "drupal"
    assert profiles["sotttt"].start_urls == ("http://127.0.0.1:8000/",)
    assert profiles["sotttt"].source == str(tmp_path / "sotttt.toml")
    with pytest.raises(ProfileError, match=r"no site profile 'nope' \(known: skhcn, sotttt\)"):
        site_profile("nope", tmp_path)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ('name = "Sở KH"', "name must be lower-case letters"),
        ('platform = "joomla"', "platform 'joomla' is not one of detect, websphere_portal_2018"),
        ('start_urls = ["https://elsewhere.example/"]', "is not on one of its hosts"),
        ('start_urls = ["ftp://sokhcn.angiang.gov.vn/"]', "is not an http(s) address"),
        ("hosts = []", "hosts must name at least one"),
        ('colour = "blue"', "unknown key 'colour'"),
        ("[politeness]\ndownload_delay = -1", "politeness download_delay must be a number of at least 0"),
        ("[politeness]\nspeed = 3", "unknown politeness key 'speed'"),
        ("name = ", "is not valid TOML"),
        ("datelines = ['^(?P<when>\\d+/\\d+/\\d{4}) (?P<lead>.*']", "is not a regular expression"),
        (
            "datelines = ['^(?P<when>\\d+/\\d+/\\d{4}) - (.*)$']",
            "needs the groups (?P<when>...) and (?P<lead>...)",
        ),
        ("source_tags = ['Báo (Kiên']", "is not a regular expression"),
    ],
)
def test_a_malformed_profile_is_told_what_is_wrong_in_one_line(
    tmp_path: Path, change: str, message: str
) -> None:
    base = {
        "name": 'name = "sokhcn"',
        "hosts": 'hosts = ["sokhcn.angiang.gov.vn"]',
        "start_urls": 'start_urls = ["https://sokhcn.angiang.gov.vn/"]',
    }
    key = change.split("=")[0].strip().strip("[]")
    lines = [line for name, line in base.items() if name != key]
    path = tmp_path / "sokhcn.toml"
    path.write_text("\n".join([*lines, change]), encoding="utf-8")
    with pytest.raises(ProfileError) as error:
        read_profile(path)
    assert message in str(error.value)
    assert str(path) in str(error.value)


def test_the_spider_takes_its_site_hosts_and_politeness_from_the_profile(tmp_path: Path) -> None:
    politeness = {"download_delay": 0.25, "concurrent_requests_per_domain": 3}
    write_profile(tmp_path, "thu", "http://127.0.0.9:8123", sections=["/tin-tuc"], politeness=politeness)
    database = f"sqlite:///{tmp_path}/db.sqlite3"
    spider, crawler = spider_of({"SITE_PROFILES_DIR": str(tmp_path), "DATABASE_URL": database}, site="thu")
    assert spider.base_url == "http://127.0.0.9:8123"
    assert spider.allowed_domains == ["127.0.0.9"]
    assert crawler.settings.getfloat("DOWNLOAD_DELAY") == 0.25
    assert crawler.settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 3
    assert spider._profile.follows("http://127.0.0.9:8123/tin-tuc?page=2")
    assert not spider._profile.follows("http://127.0.0.9:8123/thong-bao")
    assert spider._profile.follows("http://127.0.0.9:8123/")  # the home page is every section's way in
    seeds = [r.url for r in spider.seeds()]
    assert seeds == ["http://127.0.0.9:8123/sitemap.xml"]  # incremental: the sitemap tells the rest


def test_a_mirror_address_stands_in_for_the_sites_own_and_drops_its_live_successors(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path}/db.sqlite3"
    spider, _ = spider_of({"DATABASE_URL": database}, base_url="http://127.0.0.1:8000", mode="full")
    assert spider.allowed_domains == ["127.0.0.1"]
    assert spider.bases == ["http://127.0.0.1:8000"]
    assert [r.url for r in spider.seeds()] == [
        "http://127.0.0.1:8000/",
        "http://127.0.0.1:8000/sitemap.xml",
        "http://127.0.0.1:8000/rss.xml",
    ]


@pytest.mark.crawl
def test_an_unknown_site_is_refused_before_anything_starts(tmp_path: Path) -> None:
    result = crawl(None, f"sqlite:///{tmp_path}/db.sqlite3", args=["-a", "site=nope"], expect_status=2)
    assert "crawl not started: no site profile 'nope' (known: sotttt)" in result.stderr


@pytest.mark.crawl
def test_two_sites_share_one_database_each_with_its_articles_runs_and_events(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path}/db.sqlite3"
    with MirrorServer(articles=25, seed=1) as first, MirrorServer(articles=15, seed=2) as second:
        write_profile(tmp_path, "mot", first.url)
        write_profile(tmp_path, "hai", second.url)
        settings = {"SITE_PROFILES_DIR": str(tmp_path)}
        for site in ("mot", "hai"):
            crawl(None, database, mode="full", settings=settings, args=["-a", f"site={site}"])
        # An incremental run of one site re-checks none of the other's articles: nothing vanished.
        crawl(None, database, settings=settings, args=["-a", "site=hai"])
        first_live = len(first.articles("live"))
        second_live = len(second.articles("live"))
    with session(database) as db:
        by_site = dict(db.execute(select(Article.site, func.count()).group_by(Article.site)).all())
        assert by_site == {"mot": first_live, "hai": second_live}
        runs = db.execute(select(CrawlRun.site, CrawlRun.mode).order_by(CrawlRun.id)).all()
        assert [tuple(r) for r in runs] == [("mot", "full"), ("hai", "full"), ("hai", "incremental")]
        events = dict(
            db.execute(
                select(ChangeEvent.site, func.count())
                .where(ChangeEvent.kind == "created")
                .group_by(ChangeEvent.site)
            ).all()
        )
        assert events["mot"] >= first_live and events["hai"] >= second_live  # articles and directory
        assert db.scalar(select(func.count()).where(ChangeEvent.kind.in_(["removed", "moved"]))) == 0


KIEN_GIANG = """<html><head><title>{title}</title></head><body><main><article>
<h1>{title}</h1><time datetime="2026-05-16T15:00:00+07:00">16/05/2026</time><div class="content"><p>{lead}</p>
<p>Ban Tổ chức cho biết hội nghị có sự tham gia của đại diện các sở, ngành, địa phương trong tỉnh và các
doanh nghiệp, tổ chức khởi nghiệp đổi mới sáng tạo, cùng nhiều chuyên gia trong và ngoài nước.</p>
<p>Các đại biểu đã thảo luận về giải pháp phát triển hệ sinh thái khởi nghiệp, kết nối nguồn lực và
chuyển giao công nghệ cho doanh nghiệp nhỏ và vừa trên địa bàn tỉnh An Giang trong giai đoạn mới.</p>
</div></article></main></body></html>"""


@pytest.mark.parametrize(
    ("lead", "published", "source", "summary"),
    [
        ("[Báo Kiên Giang] 03/02/2026: Sáng nay, họp.", "2026-02-03", "Báo Kiên Giang", "Sáng nay, họp."),
        ("Báo Kiên Giang - Chiều ngày 16/5, họp.", None, "Báo Kiên Giang", "Chiều ngày 16/5, họp."),
        ("03/02/2026 (STTTT) - Hội nghị khởi nghiệp.", "2026-02-03", "STTTT", "Hội nghị khởi nghiệp."),
    ],
)  # fmt: skip
def test_a_profiles_own_datelines_and_source_tags_are_read_before_the_defaults(
    tmp_path: Path, lead: str, published: str | None, source: str, summary: str
) -> None:
    (tmp_path / "kg.toml").write_text(
        'name = "kg"\nhosts = ["kg.example"]\nstart_urls = ["https://kg.example/"]\n'
        "datelines = ['^\\[(?P<source>[^\\]]+)\\]\\s*(?P<when>\\d{1,2}/\\d{1,2}/\\d{4})"
        "\\s*:\\s*(?P<lead>.*)$']\n"
        "source_tags = ['Báo Kiên Giang']\n",
        encoding="utf-8",
    )
    conventions = read_profile(tmp_path / "kg.toml").conventions
    page = KIEN_GIANG.format(title="Hội nghị khởi nghiệp đổi mới sáng tạo năm 2026", lead=lead)
    record = parse_article(page, "https://kg.example/tin-tuc/hoi-nghi", conventions=conventions)
    assert (record.source, record.summary) == (source, summary)
    assert record.published_at is not None  # the dateline's date, else the page's
    assert record.published_at.date().isoformat() == (published or "2026-05-16")
    default = parse_article(page, "https://kg.example/tin-tuc/hoi-nghi")
    if lead.startswith(("[", "Báo")):  # not a dateline the defaults know
        assert default.source is None
