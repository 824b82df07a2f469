"""When the walk down a listing's pages ends: the pagers of one crawl, and the rule the spider consults.

A listing (a category, a tag, an archive) is walked by following each page's "next" link. Some sites
link a next page from every page, past the last article too (an endless archive answers any
``?page=N`` with an empty page that links ``N+1``), or wrap around, or repeat their last page. So a
pager ends at the first page that

- has no next link (the ordinary end);
- has no teaser (past the end: nothing on it, nothing further);
- lists only articles that earlier pages of this same pager listed (a repeated or wrapped page);
- in an incremental crawl, lists only articles stored already (the walk has reached what the store
  has: the existing stop rule of ``IncrementalPolicy.fresh``);
- or is the ``max_pages``-th page of its pager (``LISTING_MAX_PAGES``: a guard for what the rules
  above cannot see, such as a pager that shows other articles on every page forever).

"Earlier pages of this same pager", not "anything this run asked for": the sitemap and the feed
ask for articles too, and a listing whose first page they cover can still hold articles they do
not list further down (a feed shows only the newest 20; a sitemap may be partial). Pagers do not
compare notes with each other for the same reason: a category may reach its old articles through
pages that a tag listing, or the archive, showed already.

A pager is named by the address of its first page; where a page sits in its pager travels in the
request's ``meta`` (``PAGER``, ``PAGER_PAGE``), so the page count holds in a distributed run too.
The teasers a pager listed are kept in this process until the pager ends.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

PAGER = "sotttt_pager"  # request.meta: the address of the first page of the listing this page is in
PAGER_PAGE = "sotttt_pager_page"  # request.meta: the page's number in that listing, 1 for the first
DEFAULT_MAX_PAGES = 500  # LISTING_MAX_PAGES when the settings have none (scraper/settings.py says 500 too)


@dataclass(frozen=True)
class PageOf:
    """Where a listing page sits: in the pager whose first page is at ``pager``, the ``number``-th."""

    pager: str
    number: int = 1

    @classmethod
    def first(cls, url: str) -> PageOf:
        return cls(url, 1)

    @classmethod
    def from_meta(cls, meta: Mapping[str, Any], url: str) -> PageOf:
        """The position a request's ``meta`` carries; a page without one is the first of its own pager."""
        pager, number = meta.get(PAGER), meta.get(PAGER_PAGE)
        if isinstance(pager, str) and isinstance(number, int) and number >= 1:
            return cls(pager, number)
        return cls.first(url)

    def next(self) -> PageOf:
        return PageOf(self.pager, self.number + 1)

    def meta(self) -> dict[str, Any]:
        return {PAGER: self.pager, PAGER_PAGE: self.number}


class Step(StrEnum):
    """What follows a listing page: its next page, or why its pager ends there."""

    NEXT = "next"
    LAST = "last"  # no next link
    EMPTY = "empty"  # no teaser
    REPEATED = "repeated"  # only teasers that earlier pages of the pager listed
    KNOWN = "known"  # incremental: only articles stored already
    CAP = "cap"  # the pager's max_pages-th page

    @property
    def follows(self) -> bool:
        return self is Step.NEXT


class Pagination:
    """The pagers of one crawl: ``step`` says, page by page, whether to follow the next link."""

    def __init__(self, max_pages: int) -> None:
        if max_pages < 1:
            raise ValueError(f"LISTING_MAX_PAGES must be 1 or more, not {max_pages}")
        self.max_pages = max_pages
        self._listed: dict[str, set[str]] = {}  # by pager: the teasers its pages listed so far

    def step(self, page: PageOf, teasers: Sequence[str], fresh: Sequence[str], has_next: bool) -> Step:
        """After the listing page at ``page`` with ``teasers`` (article URLs, in one spelling), of which
        ``fresh`` are worth fetching (all of them in a full crawl), and a next link or not."""
        listed = self._listed.setdefault(page.pager, set())
        new = {url for url in teasers if url not in listed}
        listed.update(new)
        step = self._decide(page, bool(teasers), bool(new), any(url in new for url in fresh), has_next)
        if not step.follows:
            del self._listed[page.pager]  # the pager is over: its next page is never asked for
        return step

    def _decide(self, page: PageOf, teasers: bool, new: bool, fresh: bool, has_next: bool) -> Step:
        if not has_next:
            return Step.LAST
        if not teasers:
            return Step.EMPTY
        if not new:
            return Step.REPEATED
        if not fresh:
            return Step.KNOWN
        if page.number >= self.max_pages:
            return Step.CAP
        return Step.NEXT

    @property
    def open_pagers(self) -> int:
        """Pagers whose next page was asked for and not yet seen."""
        return len(self._listed)
