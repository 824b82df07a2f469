"""The code's layers, checked on its imports: nothing imports upwards, and each layer keeps to its job.

Layers, bottom to top: ``parsers`` (with ``urls``, ``timezone``, ``stats``), ``content``, ``storage``,
``outputs``, then what runs a crawl or answers a user (``crawling``, ``pipelines``, ``cli``,
``spiders``, ``extensions``, ``middlewares``, ``commands``, ``distributed``, ``monitors``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NETWORK = {"requests", "urllib.request", "socket", "http.client", "twisted"}


def _module(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return found


MODULES = {
    _module(path): _imports(path)
    for folder in ("scraper", "pipelines")
    for path in (ROOT / folder).rglob("*.py")
    if "migrations" not in path.parts
}


def _uses(imported: set[str], package: str) -> set[str]:
    return {name for name in imported if name == package or name.startswith(package + ".")}


def _in(module: str, *packages: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def test_the_layers_are_all_there() -> None:
    for package in (
        "scraper.parsers",
        "scraper.content",
        "scraper.storage",
        "scraper.outputs",
        "scraper.crawling",
    ):
        assert any(_in(module, package) for module in MODULES), package


@pytest.mark.parametrize(
    ("layer", "forbidden"),
    [
        ("scraper.parsers", {"scrapy", "sqlalchemy", "scraper.content", "scraper.storage", *NETWORK}),
        ("scraper.content", {"scrapy", "sqlalchemy", "scraper.storage", "scraper.outputs", *NETWORK}),
        ("scraper.storage", {"scrapy", "scraper.outputs", "scraper.crawling", "scraper.cli", *NETWORK}),
        ("scraper.outputs", {"scrapy", "scraper.crawling", "scraper.cli", "scraper.spiders"}),
        # The web interface reads through the storage layer and the command line's answers; it never crawls.
        ("scraper.web", {"scrapy", "scraper.crawling", "scraper.spiders", "scraper.distributed", *NETWORK}),
    ],
)
def test_no_layer_imports_upwards_or_what_is_not_its_job(layer: str, forbidden: set[str]) -> None:
    wrong = {
        module: sorted(name for package in forbidden for name in _uses(imported, package))
        for module, imported in MODULES.items()
        if _in(module, layer)
    }
    assert {module: names for module, names in wrong.items() if names} == {}


def test_only_the_storage_layer_imports_sqlalchemy() -> None:
    users = {module for module, imported in MODULES.items() if _uses(imported, "sqlalchemy")}
    # crawling.database turns an unreachable database (SQLAlchemyError) into CloseSpider
    assert {m for m in users if not _in(m, "scraper.storage")} == {"scraper.crawling.database"}


def test_nothing_in_scraper_imports_the_pipelines() -> None:
    wrong = {m for m, imported in MODULES.items() if _in(m, "scraper") and _uses(imported, "pipelines")}
    assert wrong == set()


def test_stat_names_are_spelled_only_in_scraper_stats() -> None:
    spelled = {
        _module(path)
        for folder in ("scraper", "pipelines")
        for path in (ROOT / folder).rglob("*.py")
        if '"sotttt/' in path.read_text(encoding="utf-8") or 'f"sotttt/' in path.read_text(encoding="utf-8")
    }
    assert spelled == set()
