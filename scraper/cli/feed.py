"""``feed --topic border [--site NAME] -o border.xml``: an Atom feed of the newest articles of a
watchlist topic (of some sites only, with ``--site``)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from scraper.cli.base import (
    Subparsers,
    add_sites,
    add_watchlist,
    output_file,
    positive_count,
    reading,
    wanted_sites,
    write_out,
)
from scraper.content.watchlist import load
from scraper.outputs.feed import atom
from scraper.settings import SITE_PROFILES_DIR
from scraper.sites.profiles import default_site, load_profiles
from scraper.storage import document_queries, queries
from scraper.storage.models import ATTACHED


@dataclass(frozen=True)
class FeedHome:
    """Whose feed it is: what its title names, its link (the site's address) and its id's tail."""

    name: str
    link: str
    key: str  # added to the feed's id: a feed of some sites is not the feed of all of them


def feed_home(sites: Sequence[str]) -> FeedHome:
    """The site a feed of ``sites`` (none: every site) names: one site with a known profile, its
    display name and address; several, their names and the default site's address; none, the
    default site's address."""
    home = default_site().base_url
    if not sites:
        return FeedHome(home, home, "")
    profiles = load_profiles(SITE_PROFILES_DIR)
    key = "/sites/" + "+".join(sites)
    if len(sites) == 1 and sites[0] in profiles:
        profile = profiles[sites[0]]
        return FeedHome(profile.display_name, profile.base_url, key)
    names = ", ".join(profiles[s].display_name if s in profiles else s for s in sites)
    return FeedHome(names, home, key)


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("feed", help="an Atom feed of a topic's newest articles")
    parser.add_argument("--topic", required=True, help="a topic of the watchlist, e.g. border")
    add_sites(parser)
    add_watchlist(parser)
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="where to write ('-': stdout)")
    parser.add_argument("--limit", type=positive_count, default=50, help="entries (default: %(default)s)")
    return parser


def run(args: argparse.Namespace) -> int:
    topic = load(args.watchlist).topic(args.topic)
    with reading(args.database_url) as session:
        chosen = wanted_sites(session, args)
        found = queries.topic_articles(session, topic.name, args.limit, sites=chosen)
        topics = queries.topics(session, (a.id for a in found))
        named = document_queries.of_articles(session, (a.id for a in found))
    attached = {i: [d for relation, d in docs if relation == ATTACHED] for i, docs in named.items()}
    home = feed_home(chosen)
    xml = atom(
        f"topic/{topic.name}{home.key}",
        f"{topic.title} – {home.name}",
        home.link,
        found,
        topics,
        datetime.now(UTC),
        attached,
    )
    with output_file(args.output) as out:
        out.write(xml.decode("utf-8"))
    if args.output != "-":
        write_out(f"{len(found)} articles of topic {topic.name} in {args.output}")
    return 0
