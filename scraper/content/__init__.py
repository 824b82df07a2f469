"""Pure derivations from parsed records: no database, no Scrapy."""
