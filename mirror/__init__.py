"""A local mirror of sotttt.angiang.gov.vn for crawl tests and benchmarks (see README.md)."""

from mirror.content import generate_articles
from mirror.faults import FaultRule
from mirror.model import Article, Category
from mirror.site import Site

__all__ = ["Article", "Category", "FaultRule", "Site", "generate_articles"]
