"""``python -m scraper.extract``: a saved page in, the record as JSON out; bad input, exit 2."""

import json
import subprocess
import sys
from pathlib import Path

PAGES = Path(__file__).parent / "fixtures" / "pages"
SEED_URL = (
    "https://sotttt.angiang.gov.vn/wps/portal/Home/2018/tin-chi-tiet/thong-tin-doi-ngoai/"
    "6f1c2a0e-3b7d-4c55-9e41-1d2b8c7a9f10"
)


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scraper.extract", *args], capture_output=True, cwd=Path(__file__).parents[1]
    )


def test_prints_the_article_as_utf8_json_with_offsets():
    result = run(str(PAGES / "wps2018_seed.html"), "--url", SEED_URL)
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode("utf-8")
    assert "Quách Vân" in text  # not ASCII-escaped
    record = json.loads(text)
    assert record["kind"] == "article"
    assert record["published_at"] == "2021-12-13T00:00:00+07:00"
    assert record["authors"] == ["Quách Vân", "Thúy Hằng"]
    assert record["source"] == "Sở TT&TT AG"
    assert record["contacts"][0] == {
        "name": "Bà Phạm Thu Hồng",
        "role": "Chánh Văn phòng Sở",
        "phones": ["+842966522225"],
        "emails": ["sotttt@angiang.gov.vn"],
        "scope": "site",
    }
    assert set(record["images"][0]) == {"src", "caption"}


def test_a_wrong_declared_charset_does_not_garble_the_text():
    expected = json.loads((PAGES / "drupal_wrong_charset.json").read_text(encoding="utf-8"))
    result = run(
        str(PAGES / "drupal_wrong_charset.html"), "--charset", "iso-8859-1", "--url", expected["url"]
    )
    record = json.loads(result.stdout)
    assert record["title"] == expected["title"]
    assert record["body_text"] == expected["body_text"]


def test_listing_page_prints_the_listing():
    result = run(str(PAGES / "drupal_listing.html"), "--url", "https://sotttt.angiang.gov.vn/tin-tuc")
    record = json.loads(result.stdout)
    assert record["kind"] == "listing"
    assert len(record["teasers"]) == 20
    assert record["next_url"] == "https://sotttt.angiang.gov.vn/tin-tuc?page=1"


def test_missing_file_is_a_one_line_error_and_exit_2(tmp_path):
    result = run(str(tmp_path / "nope.html"))
    assert result.returncode == 2
    assert result.stdout == b""
    assert len(result.stderr.decode().strip().splitlines()) == 1


def test_undecodable_file_is_a_one_line_error_and_exit_2(tmp_path):
    binary = tmp_path / "picture.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\x01" * 200)
    result = run(str(binary))
    assert result.returncode == 2
    assert "binary content" in result.stderr.decode()
    assert len(result.stderr.decode().strip().splitlines()) == 1


def test_a_damaged_pdf_is_a_document_without_text_and_exit_0(tmp_path):
    damaged = tmp_path / "scan.pdf"
    damaged.write_bytes(b"%PDF-1.4\x00\x00\x00\x01" * 200)
    result = run(str(damaged))
    assert (result.returncode, result.stderr) == (0, b"")
    record = json.loads(result.stdout)
    assert (record["kind"], record["format"], record["text"], record["text_quality"]) == (
        "document", "pdf", "", "no_text"
    )  # fmt: skip
    assert record["error"].startswith("a damaged PDF (pdfium:")


def test_http_address_is_refused_without_fetching():
    result = run("https://sotttt.angiang.gov.vn/")
    assert result.returncode == 2
    assert "save the page" in result.stderr.decode()
