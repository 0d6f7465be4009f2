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


def test_direct_pdf_endpoints_first():
    from crawler.spiders.ods import endpoints
    assert endpoints("S/RES/2759 (2024)") == [
        "https://docs.un.org/en/S/RES/2759(2024)?direct=true",
        "https://documents.un.org/api/symbol/access?s=S/RES/2759(2024)&l=en&t=pdf",
        "https://undocs.org/en/S/RES/2759(2024)",
    ]
    assert symbol_from_url("https://docs.un.org/en/S/2025/748?direct=true") == "S/2025/748"
    assert symbol_from_url("https://documents.un.org/api/symbol/access?s=S/RES/2759(2024)&l=en&t=pdf") == "S/RES/2759 (2024)"


def test_direct_pdf_is_captured_for_the_pdf_reader(spider):
    from scrapy.http import Request, Response
    url = "https://docs.un.org/en/S/RES/1706(2006)?direct=true"
    pdf = Response(url, body=b"%PDF-1.7\n...", headers={"Content-Type": "application/pdf"},
                   request=Request(url, meta={"symbol": "S/RES/1706 (2006)"}))
    (item,) = list(spider.parse_document(pdf))
    assert (item.symbol, item.media_type, item.text) == ("S/RES/1706 (2006)", "application/pdf", None)


def test_empty_answer_tries_the_next_endpoint_then_is_not_yet_published(spider):
    from scrapy.http import Request, Response
    url = "https://docs.un.org/en/S/2026/999?direct=true"
    fallback = "https://documents.un.org/api/symbol/access?s=S/2026/999&l=en&t=pdf"
    first = Response(url, status=200, body=b"", request=Request(url, meta={"symbol": "S/2026/999", "fallbacks": [fallback]}))
    (request,) = list(spider.parse_document(first))
    assert request.url == fallback and request.meta["fallbacks"] == []
    last = Response(fallback, status=200, body=b"", request=Request(fallback, meta={"symbol": "S/2026/999", "fallbacks": []}))
    assert list(spider.parse_document(last)) == []  # not yet published: no item, no error


def test_viewer_page_fallback_still_followed(spider, saved):
    page = saved("ods", "resolver_S_RES_1706_2006.html", "https://docs.un.org/en/S/RES/1706(2006)")
    (request,) = list(spider.parse_document(page))
    assert request.url.startswith("https://documents.un.org/api/symbol/access?s=S/RES/1706(2006)")


def test_unpublished_symbol_crawl_is_healthy_not_failed(server, crawl, db):
    from models.crawls import source_health
    from crawler_testkit import Answer
    server.script.set("/en/S/2026/999?direct=true", Answer(200, b"", {"Content-Type": "application/pdf"}))
    done = crawl("ods", start_urls=server.url("/en/S/2026/999?direct=true"))
    assert done.returncode == 0 and "not yet published" in done.stderr
    with db.reader() as session:
        (run,) = [r for r in source_health(session) if r.spider == "ods"]
        assert run.pages_failed == 0 and run.healthy
