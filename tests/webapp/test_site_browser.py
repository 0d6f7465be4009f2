"""Every page type in Debian's Chromium at a phone width (390 px) and a desktop width
(1280 px): no sideways scroll, no serious or critical axe-core violation, usable by
keyboard; screenshots in tests/screenshots/. axe-core comes from the npm registry through
the project's package.json (`npm ci`, as .ci/run does); the tests skip without it."""
from __future__ import annotations

import re
import threading
from datetime import date
from pathlib import Path

import pytest

from .test_browser import ARGS, CHROMIUM, SHOTS

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (390, 1280)

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (apt-get install -y chromium)"),
    pytest.mark.skipif(not AXE.exists(), reason="needs axe-core: npm ci (package.json)"),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from waitress.server import create_server

    from models.migrate import upgrade
    from webapp import create_app

    from .conftest import MINUSCA, MONUSCO, add_vote, ingest
    from .test_home_events import add_news

    url = f"sqlite:///{tmp_path_factory.mktemp('site') / 'site.sqlite3'}"
    upgrade(url)
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "browser-test-secret-key-of-32-characters", "TODAY": "2025-11-10"})
    ingest(app, *MONUSCO, *MINUSCA, "S_RES_0082_1950_EN_GOLD.txt")
    news_id = add_news(app)
    add_vote(app, "S/RES/2765 (2024)")
    wsgi = create_server(app, host="127.0.0.1", port=0, threads=4)
    base = f"http://127.0.0.1:{wsgi.effective_port}"
    app.config["BASE_URL"] = base
    thread = threading.Thread(target=wsgi.run, daemon=True)
    thread.start()
    yield base, news_id
    wsgi.close()
    app.extensions["councilwatch.db"].dispose()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


def pages(news_id: int) -> dict[str, str]:
    return {
        "home": "/", "resolution": "/S/RES/2765(2024)", "permalink": "/S/RES/2765(2024)@1",
        "compare": "/compare?old=S/RES/2717(2023)@1&new=S/RES/2765(2024)@1", "compare-form": "/compare",
        "news": f"/d/{news_id}", "news-permalink": f"/d/{news_id}@1", "mandate": "/mandates/MONUSCO",
        "mandates": "/mandates", "search": "/search?q=stabilization", "subscribe": "/subscribe",
        "api": "/api/v1/", "not-found": "/S/RES/9999(2099)",
    }


def axe_violations(page) -> list[dict]:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    return [v for v in result if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_fits_and_passes_axe(browser, site, width):
    base, news_id = site
    context = browser.new_context(viewport={"width": width, "height": 900}, base_url=base)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    problems = {}
    SHOTS.mkdir(exist_ok=True)
    for name, path in pages(news_id).items():
        page.goto("about:blank")
        page.goto(path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            problems[f"{name}: {overflow}px sideways scroll"] = page.evaluate("""() => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                .slice(0, 5).map(e => e.tagName + '.' + e.className)""")
        violations = axe_violations(page)
        if violations:
            problems[f"{name}: axe"] = violations
        page.screenshot(path=str(SHOTS / f"site-{width}-{name}.png"), full_page=width == 390)
    context.close()
    assert problems == {}, "\n".join(f"{k}: {v}" for k, v in problems.items())
    assert [e for e in errors if "404" not in e] == []  # the not-found page's own status aside


def test_chart_year_labels_do_not_run_together(browser, site):
    base, _ = site
    context = browser.new_context(viewport={"width": 390, "height": 900}, base_url=base)
    page = context.new_page()
    page.goto("/mandates/MONUSCO")
    charts = page.evaluate("""() => [...document.querySelectorAll('figure.chart svg')].map(svg =>
        [...svg.querySelectorAll('text.tick.x')].map(t => { const r = t.getBoundingClientRect();
                                                             return [r.left, r.right, r.height, t.textContent]; }))""")
    assert charts and all(charts), "each chart has year labels"
    for boxes in charts:
        for (_, r1, _, _), (l2, _, _, _) in zip(boxes, boxes[1:]):
            assert r1 + 4 <= l2, boxes  # a gap between labels
        assert all(height >= 8 for _, _, height, _ in boxes)  # readable at a phone's width
    context.close()


def test_home_in_event_order_and_keyboard(browser, site):
    base, _ = site
    context = browser.new_context(viewport={"width": 390, "height": 900}, base_url=base)
    page = context.new_page()
    page.goto("/")
    dates = [date.fromisoformat(d) for d in page.locator(".before ol.timeline time").evaluate_all(
        "ts => ts.map(t => t.getAttribute('datetime'))")]
    assert len(dates) >= 4 and dates == sorted(dates, reverse=True)
    assert "7 November 2025" in page.locator(".this-week").inner_text()
    # keyboard: the first Tab reaches "Skip to content", Enter moves focus to the main text
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to content"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    # the search is reachable by keyboard and submits with Enter
    page.focus("#home-q")
    page.keyboard.type("2709")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/search\?q=2709"))
    assert page.locator("ol.results a.sym").first.inner_text() == "S/RES/2709 (2023)"
    context.close()


def test_word_export_downloads_from_the_compare_page(browser, site, tmp_path):
    import zipfile

    base, _ = site
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=base, accept_downloads=True)
    page = context.new_page()
    page.goto("/compare?old=S/RES/2717(2023)@1&new=S/RES/2765(2024)@1")
    with page.expect_download() as info:
        page.click("#download-docx")
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    assert "<w:ins " in xml and "<w:del " in xml and "<w:delText" in xml
    context.close()
