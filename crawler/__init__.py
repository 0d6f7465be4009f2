"""The crawler: one Scrapy spider per source, a pipeline that stores through
`models.store`, polite downloader middlewares, WARC provenance and offline replay.

Imports go one way: crawler → models. Nothing here imports the web app."""
