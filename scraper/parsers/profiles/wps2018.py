"""The 2018–2021 layout: IBM WebSphere Portal (``/wps/portal/Home/2018/...``)."""

from scraper.parsers.profiles import Profile

WPS2018 = Profile(
    name="wps2018",
    signature="div.wpthemeFrame, body.lotusui30dojo, base[href*='/wps/portal/']",
    article="div.chitiettin",
    title="div.chitiettin h1.tieude",
    body="div.chitiettin div.noidung",
    lead="div.chitiettin div.mota",
    date=None,  # the dateline opening the lead carries the date
    updated=None,
    category="ul.breadcrumb li a",
    tags="div.chitiettin div.tags a",
    thumbnail=None,
    files=None,
    listing_item="div.danhsachtin div.tin-item",
    listing_link="h3.tieude a",
    listing_date="span.ngay",
    listing_category=None,
    menu="nav.wpthemeMainNav a",
    platform="websphere_portal",
    next_page="ul.phantrang li.next a",
)
