"""Site profiles: one TOML file per site the monitor watches (``scraper/sites/profiles.py``)."""
