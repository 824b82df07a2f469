"""``newest_matches``, whichever way it finds them (PostgreSQL: the newest articles, the index of word
pairs, the index of words; SQLite: FTS5), gives exactly the newest articles having the phrases: the
same ids as testing every article, on both databases; and ``search`` ranks them as the database does."""

from __future__ import annotations

from sqlalchemy import select

from benchmarks.store import fill
from scraper.storage import Store, queries
from scraper.storage.models import Article
from scraper.storage.queries import NEWEST, Filters
from scraper.storage.search import has_phrases, phrases, rank

ARTICLES = 1500
MOST = 120


QUERIES = [
    "bien gioi",  # two words, in about one article in ten: the index of pairs
    "chuyen doi so",  # three words: the pairs index gives more than the phrase, each tested
    "bien gioi, chuyen doi so",  # two phrases
    "bai so 700",  # in one title
    "cong",  # one word in most articles: the newest articles, walked
    "bien gioi quoc gia hoa binh",  # nowhere
]


def test_the_newest_matches_are_those_testing_every_article_finds(database_url: str) -> None:
    with Store.open(database_url) as store:
        fill(store, ARTICLES)
        with queries.Session(store.engine) as session:
            for query in QUERIES:
                wanted = phrases(query)
                every = select(Article.id).where(has_phrases(wanted)).order_by(Article.id.desc()).limit(MOST)
                expected = list(session.scalars(every))
                assert queries.newest_matches(session, wanted, None, Filters(), MOST) == expected, query
                if query == "bien gioi":
                    assert len(expected) == MOST  # common enough to need more than the newest articles
                # Ranked here (rank_of), they come in the order the database's rank gives them.
                score = rank(wanted)
                ranked = select(Article.id, score).where(Article.id.in_(expected))
                ranked = ranked.order_by(score.desc(), NEWEST.desc(), Article.id.desc()).offset(10).limit(40)
                hits = queries.search(session, wanted, None, Filters(), 40, 10, among=expected)
                assert [(h.article.id, h.rank) for h in hits] == [
                    tuple(row) for row in session.execute(ranked)
                ]
