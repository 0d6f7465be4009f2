"""ods: undocs.org symbols, their text or the PDF behind the resolver page."""
import pytest

from crawler.spiders.ods import OdsSpider, symbol_from_url



URL = "https://undocs.org/en/S/RES/1706(2006)"


@pytest.fixture(scope="module")
def spider():
    return OdsSpider()


@pytest.fixture(scope="module")
def text_item(spider, saved):
    return next(spider.parse_document(saved("ods", "S_RES_1706_2006.txt", URL, "text/plain; charset=utf-8")))


def test_symbol_from_url():
    assert symbol_from_url(URL) == "S/RES/1706 (2006)"
    assert symbol_from_url("https://undocs.org/S/2022/431") == "S/2022/431"
    assert symbol_from_url("https://undocs.org/en/S/PV.9048") == "S/PV.9048"
    assert symbol_from_url("https://undocs.org/en/") is None


def test_text_document_item(text_item):
    assert (text_item.url, text_item.symbol, text_item.kind, text_item.media_type) == (
        URL, "S/RES/1706 (2006)", "resolution", "text/plain")
    assert text_item.text is None  # the pipeline reads the raw bytes
    assert text_item.raw.startswith(b"Resolution 1706 (2006)\nAdopted by the Security Council at its 5519th meeting")


def test_resolver_page_is_followed_to_the_document(spider, saved):
    page = saved("ods", "resolver_S_RES_1706_2006.html", URL)
    (request,) = list(spider.parse_document(page))
    assert request.url == "https://documents.un.org/api/symbol/access?s=S/RES/1706(2006)&l=en&t=pdf"
    assert request.meta["symbol"] == "S/RES/1706 (2006)"
    assert request.callback == spider.parse_document


def test_routes(spider):
    assert spider.route(URL) == spider.parse_document
    assert spider.route("https://documents.un.org/api/symbol/access?s=S/2022/431&l=en&t=pdf") == spider.parse_document
    assert spider.route("https://www.un.org/en/") is None
