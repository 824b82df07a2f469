"""Where things live on each layout: article, listing, file and paging addresses."""

from __future__ import annotations

import base64
import hashlib
from datetime import datetime
from urllib.parse import quote

WPS_HOME = "/wps/portal/Home"
PROVINCE_PORTAL = "https://www.angiang.gov.vn/"  # off-site: a crawler of this site must not follow it
WPS_ROOT = "/wps/portal/Home/2018"
WPS_STATE_MARK = "/!ut/p/"
WPS_STATE_HEAD = "04_Sj9CPykssy0xPLMnMz0vMAfIjo8zi"
WPS_STATE_TAIL = "/dz/d5/L2dBISEvZ0FBIS9nQSEh/"
WPS_IMAGE_LIBRARY = "thuvienanh"
WPS_FILE_LIBRARY = "sotttt-vanban"
DRUPAL_FILES = "/sites/default/files"


def is_wps(path: str) -> bool:
    return path.startswith("/wps/")


def _token(key: str, size: int) -> str:
    digest = hashlib.blake2b(key.encode(), digest_size=size).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def with_portal_state(path: str) -> str:
    """``path`` with WebSphere Portal navigational state appended (stable per path)."""
    return f"{path}{WPS_STATE_MARK}z1/{WPS_STATE_HEAD}{_token(path, 42)}{WPS_STATE_TAIL}"


def strip_portal_state(path: str) -> str:
    """The address without its portal state: every state variant serves the same page."""
    cut = path.find(WPS_STATE_MARK)
    return path if cut < 0 else (path[:cut] or "/")


def wps_article_path(category_slug: str, uid: str) -> str:
    return f"{WPS_ROOT}/tin-chi-tiet/{category_slug}/{uid}"


def wps_listing_path(category_slug: str) -> str:
    return f"{WPS_ROOT}/tin-tuc/{category_slug}"


def wps_search_path(tag: str) -> str:
    return f"{WPS_ROOT}/tim-kiem?tukhoa={quote(tag)}"


def wps_file_path(library: str, uid: str, name: str) -> str:
    """``/wps/wcm/connect/<library>/<uuid>/<file>?MOD=AJPERES&CACHEID=...``."""
    cache_id = f"ROOTWORKSPACE.Z18_{_token(uid + name, 9).upper()}-{uid}-{_token(name, 6)}"
    return f"/wps/wcm/connect/{library}/{uid}/{quote(name)}?MOD=AJPERES&CACHEID={cache_id}"


def drupal_article_path(category_slug: str, slug: str) -> str:
    return f"/{category_slug}/{slug}"


def drupal_listing_path(category_slug: str) -> str:
    return f"/{category_slug}"


def node_path(nid: int) -> str:
    return f"/node/{nid}"


def taxonomy_path(tid: int) -> str:
    return f"/taxonomy/term/{tid}"


def drupal_file_path(when: datetime, name: str) -> str:
    return f"{DRUPAL_FILES}/{when:%Y-%m}/{quote(name)}"


def drupal_inline_image_path(name: str) -> str:
    return f"{DRUPAL_FILES}/inline-images/{quote(name)}"


def page_key(path: str, page: int, wps: bool) -> str:
    """Route key of listing page ``page`` (0-based): Drupal ``?page=N``, WPS ``?trang=N+1``."""
    if page == 0:
        return path
    return f"{path}?trang={page + 1}" if wps else f"{path}?page={page}"


def page_href(page: int, wps: bool) -> str:
    """The relative link a pager uses for page ``page`` (0-based)."""
    return f"?trang={page + 1}" if wps else f"?page={page}"
