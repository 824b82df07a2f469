"""The site's time zone: every local time the site shows, and every time this project shows, is in it."""

from zoneinfo import ZoneInfo

SITE_TZ = ZoneInfo("Asia/Ho_Chi_Minh")  # +07:00, no daylight saving
