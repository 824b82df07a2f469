"""Site profiles: what the crawl needs to know of a site, one TOML file per site.

    name = "sotttt"                                   # what -a site=NAME and --site NAME say
    display_name = "Sở Thông tin và Truyền thông tỉnh An Giang"
    hosts = ["sotttt.angiang.gov.vn"]                  # the hosts it answers on, the first its own
    alias_hosts = ["www.sotttt.angiang.gov.vn"]        # other names of the same site
    successor_hosts = ["sokhcn.angiang.gov.vn"]        # where it may move (a merger): followed, reported
    start_urls = ["https://sotttt.angiang.gov.vn/"]   # the home page: listings are found from its menus
    platform = "detect"                                # or websphere_portal_2018, websphere_portal, drupal...
    sitemaps = ["/sitemap.xml"]                        # paths (or addresses) of its sitemaps, may be []
    feeds = ["/rss.xml"]                               # of its RSS feeds, may be []
    sections = []                                      # path prefixes of the listings to follow; []: all
    datelines = ['^Ngày đăng\\s*:\\s*(?P<when>\\d+/\\d+/\\d{4})\\s*(?P<lead>.*)$']  # its own, if any
    source_tags = ['Báo Kiên Giang']                   # bare source names a lead opens with, if any
    [politeness]                                       # Scrapy settings for this site, each optional
    download_delay = 1.0
    concurrent_requests_per_domain = 2
    autothrottle_max_delay = 30.0

The shipped profiles are in this package (``scraper/sites/*.toml``); ``SITE_PROFILES_DIR`` names a
folder of the user's own, read after them (a file there with a shipped profile's name replaces it).
Adding a site is adding a file: the crawl, the database and the outputs need nothing else.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from scraper.parsers.dateline import DEFAULT, Conventions

PLATFORMS = ("detect", "websphere_portal_2018", "websphere_portal", "drupal", "wordpress")
SITE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")
# Politeness keys of a profile and the Scrapy settings they set.
POLITENESS = {
    "download_delay": ("DOWNLOAD_DELAY", float),
    "concurrent_requests_per_domain": ("CONCURRENT_REQUESTS_PER_DOMAIN", int),
    "autothrottle_max_delay": ("AUTOTHROTTLE_MAX_DELAY", float),
    "autothrottle_target_concurrency": ("AUTOTHROTTLE_TARGET_CONCURRENCY", float),
    "recheck_budget": ("RECHECK_BUDGET", int),
}
KEYS = {
    "name", "display_name", "hosts", "alias_hosts", "successor_hosts", "start_urls", "platform",
    "sitemaps", "feeds", "sections", "datelines", "source_tags", "politeness",
}  # fmt: skip


class ProfileError(ValueError):
    """A site profile is missing, unreadable or malformed; the message names the file and the field."""


@dataclass(frozen=True)
class SiteProfile:
    name: str
    display_name: str
    hosts: tuple[str, ...]
    start_urls: tuple[str, ...]
    platform: str = "detect"
    alias_hosts: tuple[str, ...] = ()
    successor_hosts: tuple[str, ...] = ()  # host or host:port; crawled with the scheme of the site's own
    sitemaps: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    conventions: Conventions = DEFAULT  # its own datelines and source tags, tried before the defaults
    politeness: dict[str, Any] = field(default_factory=dict)  # Scrapy setting -> value
    source: str = ""  # the file it was read from

    @property
    def base_url(self) -> str:
        """The site's own address: its first start URL without the path."""
        parts = urlsplit(self.start_urls[0])
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def own_hostnames(self) -> tuple[str, ...]:
        """The host names that are the site itself: its hosts and their aliases, without ports."""
        return tuple(_hostname(h) for h in (*self.hosts, *self.alias_hosts))

    @property
    def successor_hostnames(self) -> tuple[str, ...]:
        """The host names of its successors, without ports."""
        return tuple(_hostname(h) for h in self.successor_hosts)

    @property
    def followed_hostnames(self) -> tuple[str, ...]:
        """Every host the crawl may fetch from (Scrapy's ``allowed_domains``): its own and its successors'."""
        return (*self.own_hostnames, *self.successor_hostnames)

    @property
    def detected_as(self) -> str | None:
        """The platform ``scraper.parsers.platform`` names the declared one by; None for "detect"."""
        return None if self.platform == "detect" else self.platform.removesuffix("_2018")

    def indexes(self, base_url: str) -> tuple[list[str], list[str]]:
        """The addresses of its sitemaps and feeds, relative ones resolved against ``base_url``."""
        return [urljoin(f"{base_url}/", p) for p in self.sitemaps], [
            urljoin(f"{base_url}/", p) for p in self.feeds
        ]

    def follows(self, url: str) -> bool:
        """Whether a listing at ``url`` is one of the sections the profile follows (all if it names none)."""
        path = urlsplit(url).path or "/"
        return not self.sections or path == "/" or any(path.startswith(s) for s in self.sections)

    def at(self, base_url: str) -> SiteProfile:
        """The same site served at ``base_url`` alone (a mirror, a staging copy): that host its only one,
        no successor (a mirror with one names it in a profile of its own)."""
        host = urlsplit(base_url).netloc.lower()
        path = urlsplit(self.start_urls[0]).path or "/"
        start = (urljoin(f"{base_url}/", path),)
        return replace(self, hosts=(host,), alias_hosts=(), successor_hosts=(), start_urls=start)


def _hostname(host: str) -> str:
    """``host`` or ``host:port``, without the port."""
    return urlsplit(f"//{host}").hostname or host


def load_profiles(directory: str | Path | None = None) -> dict[str, SiteProfile]:
    """Every profile: the shipped ones, then those in ``directory`` (a user's own), by name."""
    files: list[Traversable] = sorted(
        (f for f in resources.files("scraper.sites").iterdir() if f.name.endswith(".toml")),
        key=lambda f: f.name,
    )
    if directory:
        folder = Path(directory)
        if not folder.is_dir():
            raise ProfileError(f"SITE_PROFILES_DIR {folder} is not a folder")
        files += sorted(folder.glob("*.toml"))
    profiles: dict[str, SiteProfile] = {}
    for file in files:
        profile = read_profile(file)
        profiles[profile.name] = profile
    return profiles


def site_profile(name: str, directory: str | Path | None = None) -> SiteProfile:
    """The profile called ``name``, or ``ProfileError`` naming the known ones."""
    profiles = load_profiles(directory)
    if name not in profiles:
        raise ProfileError(f"no site profile {name!r} (known: {', '.join(sorted(profiles)) or 'none'})")
    return profiles[name]


def default_site() -> SiteProfile:
    """The profile a crawl crawls unless told otherwise (the ``SITE`` setting): the outputs' site."""
    from scraper.settings import SITE, SITE_PROFILES_DIR

    return site_profile(SITE, SITE_PROFILES_DIR)


def read_profile(file: Traversable | Path) -> SiteProfile:
    """One profile file, checked: ``ProfileError`` says what is wrong in one line."""
    source = str(file)
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except OSError as error:
        raise ProfileError(f"cannot read site profile {source}: {error.strerror or error}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ProfileError(f"site profile {source} is not valid TOML: {error}") from None
    return _profile(source, data)


def _profile(source: str, data: dict[str, Any]) -> SiteProfile:
    def fail(message: str) -> ProfileError:
        return ProfileError(f"site profile {source}: {message}")

    unknown = sorted(set(data) - KEYS)
    if unknown:
        raise fail(f"unknown key {unknown[0]!r} (keys: {', '.join(sorted(KEYS))})")
    name = data.get("name")
    if not isinstance(name, str) or not SITE_NAME.match(name):
        raise fail("name must be lower-case letters, digits, '-' or '_' (at most 32)")

    def strings(key: str, required: bool = False) -> tuple[str, ...]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise fail(f"{key} must be a list of non-empty strings")
        if required and not value:
            raise fail(f"{key} must name at least one")
        return tuple(v.strip() for v in value)

    start_urls = strings("start_urls", required=True)
    for url in start_urls:
        if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
            raise fail(f"start URL {url!r} is not an http(s) address")
    hosts = tuple(h.lower() for h in strings("hosts", required=True))
    aliases = tuple(h.lower() for h in strings("alias_hosts"))
    for url in start_urls:
        if urlsplit(url).netloc.lower() not in (*hosts, *aliases):
            raise fail(f"start URL {url!r} is not on one of its hosts ({', '.join(hosts)})")
    platform = data.get("platform", "detect")
    if platform not in PLATFORMS:
        raise fail(f"platform {platform!r} is not one of {', '.join(PLATFORMS)}")
    return SiteProfile(
        name=name,
        display_name=str(data.get("display_name") or name),
        hosts=hosts,
        alias_hosts=aliases,
        successor_hosts=tuple(h.lower() for h in strings("successor_hosts")),
        start_urls=start_urls,
        platform=platform,
        sitemaps=strings("sitemaps"),
        feeds=strings("feeds"),
        sections=strings("sections"),
        conventions=_conventions(fail, strings("datelines"), strings("source_tags")),
        politeness=_politeness(fail, data.get("politeness", {})),
        source=source,
    )


def _conventions(fail: Any, datelines: tuple[str, ...], source_tags: tuple[str, ...]) -> Conventions:
    conventions = Conventions(datelines, source_tags)
    try:
        conventions.check()
    except ValueError as error:
        raise fail(str(error)) from None
    return conventions


def _politeness(fail: Any, table: Any) -> dict[str, Any]:
    if not isinstance(table, dict):
        raise fail("[politeness] must be a table")
    settings = {}
    for key, value in table.items():
        if key not in POLITENESS:
            raise fail(f"unknown politeness key {key!r} (keys: {', '.join(POLITENESS)})")
        setting, kind = POLITENESS[key]
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise fail(f"politeness {key} must be a number of at least 0")
        settings[setting] = kind(value)
    return settings
