"""When a pager ends (scraper/crawling/pagination.py): the rule alone, no spider, no HTTP."""

from __future__ import annotations

import pytest

from scraper import stats as stat
from scraper.crawling.pagination import PAGER, PAGER_PAGE, PageOf, Pagination, Step

LISTING = "https://sotttt.angiang.gov.vn/luu-tru"


def urls(*numbers: int) -> list[str]:
    return [f"https://sotttt.angiang.gov.vn/tin-tuc/bai-{n}" for n in numbers]


def walk(pagination: Pagination, pages: list[list[str]], pager: str = LISTING) -> list[Step]:
    """The steps after each of ``pages`` of a full crawl (every teaser worth fetching), each with a
    next link, until the pager ends."""
    steps = []
    page = PageOf.first(pager)
    for teasers in pages:
        steps.append(pagination.step(page, teasers, teasers, has_next=True))
        if not steps[-1].follows:
            break
        page = page.next()
    return steps


def test_a_page_without_a_next_link_is_the_last() -> None:
    assert Pagination(500).step(PageOf.first(LISTING), urls(1, 2), urls(1, 2), has_next=False) is Step.LAST


def test_a_page_without_teasers_ends_the_pager_though_it_links_a_next_one() -> None:
    steps = walk(Pagination(500), [urls(1, 2), urls(3), [], [], []])
    assert steps == [Step.NEXT, Step.NEXT, Step.EMPTY]


@pytest.mark.parametrize(
    "again",
    [urls(3, 4), urls(1, 2), urls(4, 1)],
    ids=["last page repeated", "wrapped to the first page", "shuffled earlier teasers"],
)
def test_a_page_of_teasers_earlier_pages_listed_ends_the_pager(again: list[str]) -> None:
    steps = walk(Pagination(500), [urls(1, 2), urls(3, 4), again, urls(5)])
    assert steps == [Step.NEXT, Step.NEXT, Step.REPEATED]


def test_one_new_teaser_among_repeated_ones_is_enough_to_go_on() -> None:
    assert walk(Pagination(500), [urls(1, 2), urls(2, 3), urls(3, 4)]) == [Step.NEXT] * 3


def test_pagers_do_not_compare_notes() -> None:
    """A tag listing may show what a category showed: it is walked all the same."""
    pagination = Pagination(500)
    assert walk(pagination, [urls(1, 2), urls(3, 4), []]) == [Step.NEXT, Step.NEXT, Step.EMPTY]
    tag = "https://sotttt.angiang.gov.vn/taxonomy/term/5"
    assert walk(pagination, [urls(1, 3), urls(4), []], pager=tag) == [Step.NEXT, Step.NEXT, Step.EMPTY]


def test_incremental_a_page_of_stored_articles_ends_the_pager() -> None:
    pagination = Pagination(500)
    first, second = PageOf.first(LISTING), PageOf.first(LISTING).next()
    assert pagination.step(first, urls(1, 2), urls(1), has_next=True) is Step.NEXT
    assert pagination.step(second, urls(3, 4), [], has_next=True) is Step.KNOWN


def test_incremental_unstored_teasers_that_earlier_pages_listed_are_not_news() -> None:
    """Page 2 repeats page 1's unstored article beside a stored one: nothing new to fetch there."""
    pagination = Pagination(500)
    first, second = PageOf.first(LISTING), PageOf.first(LISTING).next()
    assert pagination.step(first, urls(1, 2), urls(1), has_next=True) is Step.NEXT
    assert pagination.step(second, urls(1, 3), urls(1), has_next=True) is Step.KNOWN


@pytest.mark.parametrize("cap", [1, 2, 5])
def test_the_cap_is_the_last_page_asked_for(cap: int) -> None:
    endless = [urls(n) for n in range(100)]
    assert walk(Pagination(cap), endless) == [Step.NEXT] * (cap - 1) + [Step.CAP]


def test_a_pager_that_ends_anyway_at_the_cap_is_not_capped() -> None:
    pagination = Pagination(2)
    assert walk(pagination, [urls(1), []]) == [Step.NEXT, Step.EMPTY]
    assert walk(Pagination(2), [urls(1), urls(1)]) == [Step.NEXT, Step.REPEATED]
    assert Pagination(1).step(PageOf.first(LISTING), urls(1), urls(1), has_next=False) is Step.LAST


def test_the_cap_must_allow_a_page() -> None:
    with pytest.raises(ValueError, match="LISTING_MAX_PAGES"):
        Pagination(0)


def test_a_pager_forgets_its_teasers_when_it_ends() -> None:
    pagination = Pagination(500)
    walk(pagination, [urls(1, 2), urls(3)])
    assert pagination.open_pagers == 1  # its next page was asked for
    walk(pagination, [urls(1, 2), urls(3), []], pager="https://sotttt.angiang.gov.vn/thong-bao")
    assert pagination.open_pagers == 1
    assert pagination.step(PageOf(LISTING, 3), [], [], has_next=True) is Step.EMPTY
    assert pagination.open_pagers == 0


def test_where_a_page_sits_travels_in_the_request_meta() -> None:
    page = PageOf.first(LISTING).next().next()
    assert page == PageOf(LISTING, 3)
    assert page.meta() == {PAGER: LISTING, PAGER_PAGE: 3}
    assert PageOf.from_meta({**page.meta(), "depth": 4}, f"{LISTING}?page=2") == page
    other = "https://sotttt.angiang.gov.vn/thong-bao"
    assert PageOf.from_meta({}, other) == PageOf(other, 1)  # a menu link: the first page of its own
    assert PageOf.from_meta({PAGER: LISTING, PAGER_PAGE: 0}, other) == PageOf(other, 1)
    assert PageOf.from_meta({PAGER: None, PAGER_PAGE: 2}, other) == PageOf(other, 1)


def test_each_end_has_its_stat() -> None:
    """The spider counts each end under ``pager_ended``; the cap under a name of its own."""
    ends = [s for s in Step if s not in (Step.NEXT, Step.CAP)]
    assert [stat.pager_ended(s) for s in ends] == [
        f"sotttt/listing/ended/{name}" for name in ("last", "empty", "repeated", "known")
    ]
    assert stat.LISTING_PAGE_CAP_REACHED == "sotttt/listing/page_cap_reached"
