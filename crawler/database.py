"""One `models.db.Database` per crawl, on the URL the settings name
(`COUNCILWATCH_DATABASE_URL`, as everywhere in the project)."""
from __future__ import annotations

from scrapy.crawler import Crawler

from models.db import Database

_ATTRIBUTE = "_councilwatch_database"


def database_for(crawler: Crawler) -> Database:
    """The crawl's shared Database (created on first use, disposed when the crawl ends)."""
    database = getattr(crawler, _ATTRIBUTE, None)
    if database is None:
        database = Database(crawler.settings.get("COUNCILWATCH_DATABASE_URL") or None)
        setattr(crawler, _ATTRIBUTE, database)
    return database


def dispose(crawler: Crawler) -> None:
    database = getattr(crawler, _ATTRIBUTE, None)
    if database is not None:
        database.dispose()
        setattr(crawler, _ATTRIBUTE, None)
