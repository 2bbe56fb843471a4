"""The Scrapy project: sources file -> discovery (feeds, sitemaps, listings) -> article items -> SQLite."""
