"""Permanent Mission of the Russian Federation to the UN (https://russiaun.ru/en):
explanations of vote and statements at https://russiaun.ru/en/news/<id> (ids such as
7161023, 070322n, arria_02042025), listed at https://russiaun.ru/en/news.

Discovery: the site publishes no feed; the listing is read. Its items are
`.news-text__item` with the link in `.news-text__item__headline a` and the date in
`.news-text__item__meta-date` (the 2026 markup; public statement trackers scrape
russiaun.ru with exactly these selectors); the 2022 markup wrapped items in
`div.article-content`. Article pages: the body in `div.article-content` (2022) or the
`.news-text` block; the earlier `.news-content` appears in no public crawler.
Relevance: stored only when the statement concerns the Security Council.
Identity: keyed by URL.
"""
from .statements import StatementSpider


class RussiaUnSpider(StatementSpider):
    name = "russiaun"
    member = "Russian Federation"
    source_title = "Permanent Mission of the Russian Federation to the United Nations"
    source_url = "https://russiaun.ru/en"
    default_start_urls = ("https://russiaun.ru/en/news",)
    listing_pattern = r"/en/news/?(?:\?page=\d+)?$"
    article_pattern = r"/en/news/[A-Za-z0-9_]+$"
    listing_link_selector = (".news-text__item__headline a::attr(href), .news-text__item a::attr(href), "
                             "div.article-content a::attr(href)")
    body_selectors = ("div.article-content", ".news-text", "article")
    date_selectors = (".news-text__item__meta-date::text", "time::attr(datetime)")
