"""Packaging for Scrapyd: ``scrapyd-deploy`` builds an egg of the project from this file."""

from setuptools import find_packages, setup

setup(
    name="sotttt-monitor",
    version="0.1.0",
    packages=find_packages(include=["scraper", "scraper.*", "pipelines", "pipelines.*"]),
    package_data={"scraper": ["watchlists.toml"]},
    entry_points={"scrapy": ["settings = scraper.settings"]},
    zip_safe=False,
)
