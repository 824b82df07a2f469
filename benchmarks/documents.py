"""Document reading speed per format: text extraction and metadata, on the tests' documents.

    python benchmarks/documents.py [--rounds N]

Each format's documents per second (text and quality, then metadata on the text), and as a ratio
against the baseline run in the same process: the metadata parser alone on the same text (the
cost of reading the file is the ratio). The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scraper.parsers.document_metadata import document_metadata  # noqa: E402
from scraper.parsers.document_text import document_text  # noqa: E402
from tests.documents import TCVN3_LINES, docx_bytes, pdf_bytes, scanned_pdf_bytes  # noqa: E402


def per_second(work: Callable[[], object], rounds: int) -> float:
    started = time.perf_counter()
    for _ in range(rounds):
        work()
    return rounds / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    rounds = parser.parse_args().rounds
    files = {
        "docx": docx_bytes(),
        "pdf": pdf_bytes(),
        "pdf_tcvn3": pdf_bytes(TCVN3_LINES),
        "pdf_scan": scanned_pdf_bytes(),
    }
    text = document_text(files["docx"]).text
    baseline = per_second(lambda: document_metadata(text), rounds)
    results: dict[str, object] = {"metadata_only_per_s": round(baseline, 1)}
    for name, content in files.items():
        rate = per_second(lambda c=content: document_metadata(document_text(c).text), rounds)
        results[f"{name}_per_s"] = round(rate, 1)
        results[f"{name}_cost_vs_metadata_only"] = round(baseline / rate, 1)
        print(f"{name:10} {rate:8.1f} documents/s  ({baseline / rate:.1f}x the metadata alone)")
    print(f"{'metadata':10} {baseline:8.1f} texts/s (baseline)")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
