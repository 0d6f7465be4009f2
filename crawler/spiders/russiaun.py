"""Permanent Mission of the Russian Federation to the UN (https://russiaun.ru/en):
explanations of vote and statements at https://russiaun.ru/en/news/<id>, listed at
https://russiaun.ru/en/news."""
from .statements import StatementSpider


class RussiaUnSpider(StatementSpider):
    name = "russiaun"
    member = "Russian Federation"
    source_title = "Permanent Mission of the Russian Federation to the United Nations"
    source_url = "https://russiaun.ru/en"
    default_start_urls = ("https://russiaun.ru/en/news",)
    listing_pattern = r"/en/news/?(?:\?page=\d+)?$"
    article_pattern = r"/en/news/[A-Za-z0-9_]+$"
    body_selectors = (".news-content", "article", "main")
