"""Contact blocks: names, roles, phone numbers in E.164 and e-mail addresses.

Handles the site-wide table "số điện thoại tiếp nhận phản ánh kiến nghị về tthc" and contact
paragraphs inside articles ("Thông tin chi tiết xin liên hệ: Ông ... – ..., điện thoại: ...").
"""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers
from lxml import etree, html
from lxml.cssselect import CSSSelector

from scraper.parsers.records import Contact, Scope
from scraper.parsers.text import clean, element_text, fold

_SITE_TABLES = CSSSelector("table.table-customize")  # the site-wide contact table
_SITE_HEADINGS = etree.XPath("//h1 | //h2 | //h3 | //h4 | //h5 | //h6 | //*[contains(@class, 'title')]")
_SITE_HEADING = re.compile(r"tiep nhan phan anh")  # folded: "tiếp nhận phản ánh (kiến nghị về tthc)"
_HEADING_CHARS = 200
_NEXT_TABLES = etree.XPath("following::table")
_LINE_BLOCKS = frozenset({"p", "div", "li"})
_NUMBER_CELL = re.compile(r"^\d{1,3}[.)]?$")
_CFEMAILS = etree.XPath("//*[@data-cfemail] | //a[contains(@href, '/cdn-cgi/l/email-protection#')]")
_PHONE_LABEL = re.compile(
    r"(?:số\s+)?(?:điện\s*thoại|đt|sđt|tel|phone|di\s*động|dđ)\s*(?:liên\s+hệ\s*)?[:.]?\s*", re.IGNORECASE
)
_PHONE_DIGITS = re.compile(r"\d{3}[\d\s.()–-]{4,}\d")
_EMAIL_LABEL = re.compile(r"\be-?mail\s*[:.]?", re.IGNORECASE)
_PHONE_RUN = re.compile(r"[+(]?\d[\d\s().+,;/–—-]*\d\)?")
_PHONE_SPLIT = re.compile(r"\s+[-–—]\s+|\s*[–—,;/]\s*|\s+hoặc\s+")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_LEAD_IN = re.compile(r"^.*?\bliên\s+hệ(?:\s+với)?\s*:?\s*|^\s*(?:[-–•*+]|\d+[.)])\s*", re.IGNORECASE)
_ROLE_IN_BRACKETS = re.compile(r"^(?P<name>.+?)\s*\((?P<role>[^()]+)\)$")
_ROLE_AFTER_DASH = re.compile(r"^(?P<name>.+?)\s+[–—-]\s+(?P<role>.+)$")
# "Ông Lê Văn Hiếu, Phó Trưởng phòng ...": an honorific, a name of a few words, a comma, the role.
_ROLE_AFTER_COMMA = re.compile(
    r"^(?P<name>(?:Ông|Bà|Anh|Chị|Đồng chí|Đ/c)\s+[^,()]{2,40}?)\s*,\s*(?P<role>.+)$"
)


def decode_cfemail(encoded: str) -> str | None:
    """Cloudflare's ``data-cfemail``: the first byte is a key XORed over the rest."""
    try:
        data = bytes.fromhex(encoded)
    except ValueError:
        return None
    if len(data) < 2:
        return None
    try:
        address = bytes(b ^ data[0] for b in data[1:]).decode("utf-8")
    except UnicodeDecodeError:
        return None
    return address if _EMAIL.fullmatch(address) else None


def reveal_cfemails(tree: html.HtmlElement) -> None:
    """Replace each Cloudflare-obfuscated address in ``tree`` by the address itself."""
    for element in _CFEMAILS(tree):
        encoded = element.get("data-cfemail") or element.get("href", "").rsplit("#", 1)[-1]
        address = decode_cfemail(encoded)
        if address is None:
            continue
        for child in list(element):
            element.remove(child)
        element.text = address
        element.set("href", f"mailto:{address}")
        element.attrib.pop("data-cfemail", None)


def phones(text: str) -> tuple[str, ...]:
    """Every phone number in ``text`` in E.164; a short second number shares the first's area code."""
    found: list[str] = []
    for run in _PHONE_RUN.findall(text):
        first_digits = ""
        for chunk in _PHONE_SPLIT.split(run):
            digits = re.sub(r"\D", "", chunk)
            if len(digits) < 6:
                continue
            if first_digits and len(first_digits) - len(digits) >= 2 and not digits.startswith("0"):
                digits = first_digits[: len(first_digits) - len(digits)] + digits
            first_digits = first_digits or digits
            number = _e164(digits)
            if number and number not in found:
                found.append(number)
    return tuple(found)


def _e164(digits: str) -> str | None:
    try:
        parsed = phonenumbers.parse(digits, "VN")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def emails(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(address.lower() for address in _EMAIL.findall(text)))


@lru_cache(maxsize=4096)  # the site-wide table repeats on every page
def contact_from_text(text: str, scope: Scope) -> Contact | None:
    """One contact from a paragraph or table cell, or None if it gives no phone number."""
    if not _PHONE_DIGITS.search(text):  # cheap test first: most paragraphs hold no number at all
        return None
    text = clean(text)
    label = _PHONE_LABEL.search(text)
    if label is None:
        return None
    tail = text[label.end() :]
    email_label = _EMAIL_LABEL.search(tail)
    numbers = phones(tail[: email_label.start()] if email_label else tail)
    if not numbers:
        return None
    name, role = _name_and_role(text[: label.start()])
    if not name:
        return None
    return Contact(name=name, role=role, phones=numbers, emails=emails(tail), scope=scope)


def _name_and_role(text: str) -> tuple[str, str | None]:
    text = _LEAD_IN.sub("", text.replace("\n", " ")).strip(" ,;:.-–—")
    for pattern in (_ROLE_IN_BRACKETS, _ROLE_AFTER_COMMA, _ROLE_AFTER_DASH):
        match = pattern.match(text)
        if match:
            return match.group("name").strip(" ,;:"), match.group("role").strip(" ,;:")
    return text, None


def site_contacts(
    tree: html.HtmlElement, tables: list[html.HtmlElement] | None = None
) -> tuple[Contact, ...]:
    """The site-wide contact table, one contact per entry (an entry may span rows), in table order.

    The table is found by its class (``table-customize``, in the site's own inline style) or by the
    heading above it, "số điện thoại tiếp nhận phản ánh kiến nghị về tthc", whatever its markup.
    """
    contacts: list[Contact] = []
    for table in site_tables(tree) if tables is None else tables:
        for entry in _entries(table):
            contact = contact_from_text("\n".join(entry), "site")
            if contact is not None and contact not in contacts:
                contacts.append(contact)
    return tuple(contacts)


def site_tables(tree: html.HtmlElement) -> list[html.HtmlElement]:
    """The site-wide contact tables of the page, in document order."""
    tables: list[html.HtmlElement] = list(_SITE_TABLES(tree))
    for heading in _SITE_HEADINGS(tree):
        raw = heading.text_content()
        if len(raw) > _HEADING_CHARS or "phản" not in raw.lower():
            continue  # the cheap test first: headings are many, this one is rare
        if _SITE_HEADING.search(fold(element_text(heading))):
            tables += [t for t in _NEXT_TABLES(heading)[:1] if not any(t is known for known in tables)]
    return tables


def _entries(table: html.HtmlElement) -> list[list[str]]:
    """Each contact's lines: a row, or the rows from one numbered row to the next."""
    entries: list[list[str]] = []
    rows = [[cell for cell in row if cell.tag in {"td", "th"}] for row in table.iter("tr")]
    numbered = any(cells and _NUMBER_CELL.match(element_text(cells[0])) for cells in rows)
    for cells in rows:
        if not cells or all(cell.tag == "th" for cell in cells):
            continue
        starts = not numbered or _NUMBER_CELL.match(element_text(cells[0])) is not None
        if starts and numbered:
            cells = cells[1:]
        lines = [line for cell in cells for line in _cell_lines(cell) if line]
        if starts or not entries:
            entries.append(lines)
        else:
            entries[-1].extend(lines)
    return entries


def _cell_lines(cell: html.HtmlElement) -> list[str]:
    """A cell's lines: each block (``p``, ``div``, ``li``) a line, the inline text between them another."""
    lines: list[str] = []
    inline: list[str] = [cell.text or ""]
    for child in cell:
        if isinstance(child.tag, str) and child.tag in _LINE_BLOCKS:
            lines += [clean("".join(inline)), element_text(child)]
            inline = [child.tail or ""]
        else:
            inline += [element_text(child) if isinstance(child.tag, str) else "", child.tail or ""]
            if child.tag == "br":
                inline.append("\n")
    lines.append(clean("".join(inline)))
    return [line for text in lines for line in text.split("\n") if line]
