"""Packaging: ``scrapyd-deploy`` builds an egg of the project from this file, ``pip install .`` a
wheel; the metadata, the ``sotttt`` command and Scrapy's entry point are in pyproject.toml."""

from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["scraper", "scraper.*", "pipelines", "pipelines.*"]),
    package_data={
        "scraper": ["watchlists.toml"],
        "scraper.sites": ["*.toml"],
        "scraper.storage.migrations": ["script.py.mako"],
        "scraper.web": ["templates/*.html", "static/*.css", "static/*.svg"],
    },
    zip_safe=False,
)
