"""An administrative document's metadata (Nghị định 30/2020/NĐ-CP format), from its plain text.

A pure function of the text a document extractor gives (one line per paragraph or table cell;
the header table's cells may come row by row or column by column): the number and symbol, the
type, the issuing body, the place-and-date line, the summary, the signer and the signer's title,
the effective date. ``None`` where the document does not say.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, fields
from datetime import date

# The symbol's type abbreviations (Nghị định 30/2020/NĐ-CP, appendix III), and party documents'.
TYPES = {
    "NQ": "Nghị quyết", "QĐ": "Quyết định", "CT": "Chỉ thị", "QC": "Quy chế", "QyĐ": "Quy định",
    "TC": "Thông cáo", "TB": "Thông báo", "HD": "Hướng dẫn", "CTr": "Chương trình", "KH": "Kế hoạch",
    "PA": "Phương án", "ĐA": "Đề án", "DA": "Dự án", "BC": "Báo cáo", "BB": "Biên bản",
    "TTr": "Tờ trình", "HĐ": "Hợp đồng", "CĐ": "Công điện", "BGN": "Bản ghi nhớ",
    "BTT": "Bản thỏa thuận", "GUQ": "Giấy ủy quyền", "GM": "Giấy mời", "GGT": "Giấy giới thiệu",
    "GNP": "Giấy nghỉ phép", "PG": "Phiếu gửi", "PC": "Phiếu chuyển", "PB": "Phiếu báo",
}  # fmt: skip
TYPE_LINES = {name.upper(): name for name in (*TYPES.values(), "Công văn", "Quy định", "Luật", "Nghị định")}

NUMBER = re.compile(
    r"\b[Ss][Ốố]\s*:?\s*"
    r"(\d+\s*(?:-\s*[A-ZĐ][A-Za-zĐđ]*\s*/\s*[A-ZĐ][A-Za-zĐđ]*"  # party style: 09-NQ/TU
    r"|(?:/\s*\d{4}\s*)?/\s*[A-ZĐ][A-Za-zĐđ]*(?:\s*-\s*[A-ZĐ][A-Za-zĐđ0-9]*)*))"
)
PLACE_DATE = re.compile(
    r"^\s*([^\d,;:]{2,40}),\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.MULTILINE
)
EFFECTIVE = re.compile(
    r"có\s+hiệu\s+lực(?:\s+thi\s+hành)?\s+(?:kể\s+)?từ\s+(?:ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"
    r"|ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})|(ngày\s+ký))",
    re.IGNORECASE,
)
MOTTO = re.compile(r"^(CỘNG HÒA|CỘNG HOÀ|ĐẢNG CỘNG SẢN|Độc lập|ĐỘC LẬP)|^[-_=–—.*\s]+$")
SUMMARY_PREFIX = re.compile(r"^(?:V/v|Về\s+việc)\s*:?\s*", re.IGNORECASE)
SUMMARY_ENDS = re.compile(r"^(Căn cứ|Kính gửi|Thực hiện|Theo|Nơi nhận|Điều\s+\d)", re.IGNORECASE)
MANDATE = re.compile(r"^(KT|TM|TL|TUQ|Q)\.\s*", re.IGNORECASE)
SIGNATURE_NOISE = re.compile(r"^(\(.*\)|\[.*\]|Nơi nhận|-|\+|•|Lưu\b|Đã ký|Ký bởi)", re.IGNORECASE)
PARENTS = re.compile(r"^(UBND|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|BỘ|TỈNH ỦY|TỈNH UỶ|HĐND)\b")
PLACE_WORDS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn")
ABBREVIATIONS = {"UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân"}
# Organs whose name capitalises the word after them too: Sở Y tế, Bộ Công an, Ban Tuyên giáo.
NAMED_ORGANS = ("sở", "bộ", "ban", "phòng", "văn phòng", "trung tâm", "chi cục", "cục", "vụ", "viện")
ROLE_HEADS = ("phó", "chánh", "phó chánh")


@dataclass(frozen=True)
class DocumentMetadata:
    number: str | None
    doc_type: str | None
    issuer: str | None
    issued_on: date | None
    summary: str | None
    signer: str | None
    signer_title: str | None
    effective_on: date | None


METADATA_FIELDS = tuple(f.name for f in fields(DocumentMetadata))


def document_metadata(text: str) -> DocumentMetadata:
    """The metadata an administrative document states about itself."""
    lines = [" ".join(line.split()) for line in unicodedata.normalize("NFC", text).splitlines()]
    number_match = NUMBER.search("\n".join(lines[:40]))
    number = re.sub(r"\s+", "", number_match.group(1)) if number_match else None
    type_at = _type_line(lines)
    issued_on = _issued_on(lines)
    summary = _summary(lines, type_at)
    header_end = max(
        (i for i, line in enumerate(lines[:60]) if NUMBER.search(line) or PLACE_DATE.match(line)), default=0
    )
    signer, signer_title = _signature(lines[max(header_end, type_at or 0) + 1 :])
    return DocumentMetadata(
        number=number,
        doc_type=_doc_type(lines, type_at, number, summary),
        issuer=_issuer(lines),
        issued_on=issued_on,
        summary=summary,
        signer=signer,
        signer_title=signer_title,
        effective_on=_effective_on("\n".join(lines), issued_on),
    )


def _type_line(lines: list[str]) -> int | None:
    for index, line in enumerate(lines[:60]):
        if line in TYPE_LINES:
            return index
    return None


def _doc_type(lines: list[str], type_at: int | None, number: str | None, summary: str | None) -> str | None:
    if type_at is not None:
        return TYPE_LINES[lines[type_at]]
    if number:
        for part in re.split(r"[/-]", number)[1:]:
            if part in TYPES:
                return TYPES[part]
    if summary and any(SUMMARY_PREFIX.match(line) for line in lines[:40]):
        return "Công văn"
    return None


def _issued_on(lines: list[str]) -> date | None:
    match = PLACE_DATE.search("\n".join(lines[:40]))
    return calendar_date(match.group(4), match.group(3), match.group(2)) if match else None


def _effective_on(text: str, issued_on: date | None) -> date | None:
    match = EFFECTIVE.search(text)
    if match is None:
        return None
    if match.group(7):  # kể từ ngày ký
        return issued_on
    day, month, year = match.group(1, 2, 3) if match.group(1) else match.group(4, 5, 6)
    return calendar_date(year, month, day)


def calendar_date(year: str | None, month: str | None, day: str | None) -> date | None:
    """The day these digits name, or None (missing, or no such day)."""
    if not (year and month and day):
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _summary(lines: list[str], type_at: int | None) -> str | None:
    if type_at is not None:
        start = type_at + 1
    else:
        start = next((i for i, line in enumerate(lines[:40]) if SUMMARY_PREFIX.match(line)), -1)
        if start < 0:
            return None
    parts: list[str] = []
    for line in lines[start:]:
        # The line under the type line is the summary, whatever it starts with ("Thực hiện ...").
        if not line or MOTTO.match(line) or (parts and (SUMMARY_ENDS.match(line) or _capitals(line))):
            if parts or not line:
                break
            continue
        parts.append(line)
    summary = SUMMARY_PREFIX.sub("", " ".join(parts)).strip()
    return summary or None


def _issuer(lines: list[str]) -> str | None:
    header: list[str] = []
    for line in lines[:20]:
        if NUMBER.search(line) or PLACE_DATE.match(line) or line in TYPE_LINES:
            break
        if line and not MOTTO.match(line) and _capitals(line):
            header.append(line)
    if not header:
        return None
    if len(header) > 1 and PARENTS.match(header[0]) and not _continues(header[1]):
        return _name_case(header[-1])
    return _name_case(" ".join(header))


def _continues(line: str) -> bool:
    """A line that goes on the one above (``TỈNH AN GIANG`` under ``ỦY BAN NHÂN DÂN``)."""
    return line.lower().startswith(PLACE_WORDS)


def _signature(lines: list[str]) -> tuple[str | None, str | None]:
    block = [line for line in lines[-30:] if line and not SIGNATURE_NOISE.match(line)]
    for index in range(len(block) - 1, 0, -1):
        name, above = block[index], block[index - 1]
        if _person(name) and _capitals(above):
            title = MANDATE.sub("", above) if MANDATE.match(above) else above
            return name, _role_case(title)
    return None, None


def _person(line: str) -> bool:
    words = line.split()  # as signed: Nguyễn Văn An
    return 2 <= len(words) <= 6 and all(w.isalpha() and w == w.capitalize() for w in words)


def _capitals(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _name_case(upper: str) -> str:
    """``SỞ Y TẾ`` as ``Sở Y tế``; ``ỦY BAN NHÂN DÂN TỈNH AN GIANG`` as ``Ủy ban nhân dân tỉnh An Giang``."""
    for short, full in ABBREVIATIONS.items():
        upper = re.sub(rf"^{short}\b", full.upper(), upper)
    words = upper.lower().replace("uỷ", "ủy").split()
    if len(words) > 2 and words[1] == "ủy":  # Tỉnh ủy An Giang, Huyện ủy Châu Thành
        return " ".join([words[0].capitalize(), "ủy", *(w.capitalize() for w in words[2:])])
    text = " ".join(words)
    place = next((text.find(f" {p} ") for p in PLACE_WORDS if f" {p} " in text), -1)
    head, tail = (text[: place + 1], text[place + 1 :]) if place >= 0 else (text, "")
    head_words = head.split()
    organ = next((o for o in NAMED_ORGANS if head.startswith(f"{o} ")), None)
    capitalised = len(organ.split()) + 1 if organ else 1
    head_words = [
        w.capitalize() if n < capitalised or (n and head_words[n - 1] == "và") else w
        for n, w in enumerate(head_words)
    ]
    if tail:
        place_word = next(p for p in PLACE_WORDS if tail.startswith(f"{p} "))
        rest = tail[len(place_word) :].split()
        tail_words = [place_word, *(w.capitalize() for w in rest)]
        return " ".join([*head_words, *tail_words])
    return " ".join(head_words)


def _role_case(upper: str) -> str:
    """``PHÓ GIÁM ĐỐC`` as ``Phó Giám đốc``, ``CHỦ TỊCH`` as ``Chủ tịch``."""
    words = upper.lower().split()
    head = next((len(h.split()) for h in sorted(ROLE_HEADS, key=len, reverse=True)
                 if " ".join(words).startswith(f"{h} ")), 0)  # fmt: skip
    return " ".join(w.capitalize() if n <= head else w for n, w in enumerate(words))
