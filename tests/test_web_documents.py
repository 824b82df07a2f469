"""The documents in the web interface, from the running server on a crawled mirror: the list and its
filters, a document's page, an article's documents, and the API giving the command line's records."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import httpx
import pytest
from conftest import CrawledSite
from lxml import html

from tests.documents import needs_font

pytestmark = needs_font


def cli_documents(crawled_site: CrawledSite, *args: str) -> list[dict[str, Any]]:
    command = [sys.executable, "-m", "scraper.cli", "documents", *args, "--json", "--limit", "500"]
    done = subprocess.run(
        [*command, "--database-url", crawled_site.database_url], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def api(web_url: str, path: str) -> Any:
    response = httpx.get(f"{web_url}{path}", timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


def tree(web_url: str, path: str, status: int = 200) -> html.HtmlElement:
    response = httpx.get(f"{web_url}{path}", timeout=10)
    assert response.status_code == status, response.text
    assert "Traceback" not in response.text
    return html.fromstring(response.text)


@pytest.fixture(scope="module")
def stored(crawled_site: CrawledSite) -> list[dict[str, Any]]:
    found = cli_documents(crawled_site)
    assert len([d for d in found if d["url"]]) >= 3  # the mirror's articles attach documents
    return found


def test_the_api_lists_the_command_lines_documents_page_by_page(web_url: str, stored) -> None:
    first = api(web_url, "/api/documents?limit=2")
    assert first["items"] == stored[:2]
    rest = api(web_url, "/api/documents?limit=100&offset=2")
    assert first["items"] + rest["items"] == stored
    assert first["next"] is not None and rest["next"] is None


def test_filters_are_the_command_lines(web_url: str, crawled_site: CrawledSite, stored) -> None:
    kind = stored[0]["doc_type"]
    year = stored[0]["issued_on"][:4]
    by_api = api(web_url, f"/api/documents?type={kind.lower()}&year={year}&limit=100")["items"]
    assert by_api == cli_documents(crawled_site, "--type", kind, "--year", year)
    number = stored[0]["number"]
    [found] = api(web_url, f"/api/documents?number={number.lower().replace('đ', 'd')}")["items"]
    assert found["id"] == stored[0]["id"]


def test_the_documents_page_and_a_document_page(web_url: str, stored) -> None:
    page = tree(web_url, "/documents?limit=100")
    numbers = [" ".join(a.text_content().split()) for a in page.xpath("//table/tbody/tr/td[3]/a")]
    assert numbers == [d["number"] or d["name"] or str(d["id"]) for d in stored]
    attached = next(d for d in stored if d["url"] and d["articles"])
    page = tree(web_url, f"/documents/{attached['id']}")
    assert page.xpath("string(//h1)").split()[-1] == attached["number"]
    fields = dict(
        zip(
            page.xpath("//dl/dt/text()"),
            [" ".join(dd.text_content().split()) for dd in page.xpath("//dl/dd")],
            strict=True,
        )
    )
    assert fields["Cơ quan ban hành"] == attached["issuer"]
    assert fields["Trích yếu"] == attached["summary"]
    articles = {
        a.get("href") for a in page.xpath("//h2[starts-with(., 'Các bài')]/following-sibling::ul[1]//a")
    }
    assert articles == {f"/articles/{a['id']}" for a in attached["articles"]}
    article = tree(web_url, f"/articles/{attached['articles'][0]['id']}")
    assert f"/documents/{attached['id']}" in {a.get("href") for a in article.xpath("//a")}


def test_bad_filters_and_unknown_documents_are_plain_errors(web_url: str) -> None:
    assert "year" in tree(web_url, "/documents?year=abc", 400).text_content()
    assert "no document 999999" in tree(web_url, "/documents/999999", 404).text_content()
    response = httpx.get(f"{web_url}/api/documents?type=khong+co", timeout=10)
    assert response.status_code == 400 and "type" in response.json()["error"]
