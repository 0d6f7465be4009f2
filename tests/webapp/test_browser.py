"""In a real browser (Debian's Chromium through Playwright) against the production server
on bundled resolutions: open a renewal, compare it with the previous mandate, see the
mandate end change highlighted, jump between changes, follow a paragraph anchor, copy
the citation. Screenshots go to tests/screenshots/ (git-ignored)."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SHOTS = Path(__file__).resolve().parents[1] / "screenshots"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (apt-get install -y chromium)")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from waitress.server import create_server

    from models.migrate import upgrade
    from webapp import create_app

    from .conftest import MINUSCA, MONUSCO, ingest

    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'site.sqlite3'}"
    upgrade(url)
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "browser-test", "TODAY": "2025-11-01"})
    ingest(app, *MONUSCO, *MINUSCA)
    wsgi = create_server(app, host="127.0.0.1", port=0, threads=4)
    base = f"http://127.0.0.1:{wsgi.effective_port}"
    app.config["BASE_URL"] = base
    thread = threading.Thread(target=wsgi.run, daemon=True)
    thread.start()
    yield base
    wsgi.close()
    app.extensions["councilwatch.db"].dispose()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    yield page
    context.close()
    assert errors == []  # no script errors, no CSP violations


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def test_renewal_to_previous_mandate_comparison(page, server):
    page.goto("/S/RES/2765(2024)")
    shot(page, "01-renewal")
    page.click("#compare-previous-mandate")
    page.wait_for_url("**/compare?old=S/RES/2717(2023)@1&new=S/RES/2765(2024)@1")
    row = page.locator("#facts-delta tr.fact-mandate_end")
    assert row.locator("del").inner_text() == "20 December 2024"
    highlighted = row.locator("mark")
    assert highlighted.inner_text() == "20 December 2025"
    assert highlighted.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    shot(page, "02-compare-facts")

    page.keyboard.press("j")
    assert page.evaluate("location.hash") == "#chg-1"
    assert page.locator(".row.chg.focus").count() == 1
    page.keyboard.press("j")
    assert page.evaluate("location.hash") == "#chg-2"
    page.keyboard.press("k")
    assert page.evaluate("location.hash") == "#chg-1"
    shot(page, "03-compare-side-by-side")

    row.locator("a").first.click()  # the paragraph the new mandate end was read from
    target = page.evaluate("location.hash")[1:]
    assert page.locator(f"[id='{target}'] .new ins").first.is_visible()
    assert any("2025" in text for text in page.locator(f"[id='{target}'] .new ins").all_inner_texts())
    page.click("label[for=view-inline]")
    assert page.locator(f"[id='{target}'] .inline").is_visible()
    assert not page.locator(f"[id='{target}'] .old").is_visible()
    shot(page, "04-compare-inline")


def test_paragraph_anchor_and_citation(page, server):
    from playwright.sync_api import expect

    page.goto("/S/RES/2765(2024)@1")
    page.click("a.anchor[href='#op-7']")
    assert page.evaluate("location.hash") == "#op-7"
    assert page.evaluate("document.querySelector(':target').id") == "op-7"
    assert page.locator("#op-7").evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    shot(page, "05-paragraph-anchor")

    page.locator("#cite").scroll_into_view_if_needed()
    page.click("button[data-copy=cite-plain]")
    expect(page.locator("button[data-copy=cite-plain]")).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("#cite-plain").inner_text()
    assert f"{server}/S/RES/2765(2024)@1" in copied and "S/RES/2765 (2024)" in copied and "Version 1" in copied
    page.click("button[data-copy=cite-bibtex]")
    expect(page.locator("button[data-copy=cite-bibtex]")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()").startswith("@misc{s_res_2765_2024_v1")
    shot(page, "06-citation")


def test_home_mandate_and_search_pages(page, server):
    page.goto("/")
    assert "MONUSCO" in page.locator(".expiring").inner_text()
    shot(page, "07-home")
    page.goto("/mandates/MONUSCO")
    assert page.locator("figure.chart svg circle.dot.troops").count() == 3
    shot(page, "08-mandate")
    page.fill(".quick-search input", "stabilisation")
    page.press(".quick-search input", "Enter")
    page.wait_for_url("**/search?q=stabilisation")
    assert page.locator("ol.results mark").count() >= 1
    shot(page, "09-search")


def test_an_old_permalink_says_a_newer_reading_exists(browser, tmp_path):
    """A version page frozen by one engine, served after the engine changed: the page's
    bytes are as they were, and its script shows the link to the newer reading."""
    import urllib.request

    from waitress.server import create_server

    from models.migrate import upgrade
    from webapp import create_app

    from .conftest import MONUSCO, ingest

    url = f"sqlite:///{tmp_path / 'readings.sqlite3'}"
    upgrade(url)
    apps, servers = [], []
    for engine in (None, "next-engine"):  # the first release, then the next one
        app = create_app({"DATABASE_URL": url, "SECRET_KEY": "browser-test", **({"ENGINE": engine} if engine else {})})
        wsgi = create_server(app, host="127.0.0.1", port=0, threads=2)
        app.config["BASE_URL"] = f"http://127.0.0.1:{wsgi.effective_port}"
        threading.Thread(target=wsgi.run, daemon=True).start()
        apps.append(app)
        servers.append(wsgi)
    ingest(apps[0], *MONUSCO)
    try:
        old_base, new_base = (app.config["BASE_URL"] for app in apps)
        first = urllib.request.urlopen(old_base + "/S/RES/2765(2024)@1").read()
        context = browser.new_context(base_url=new_base)
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        response = page.goto("/S/RES/2765(2024)@1")
        assert response.body() == first
        note = page.locator("p.newer-reading")
        note.wait_for()
        assert "A newer reading of this text exists" in note.inner_text()
        assert note.locator("a").get_attribute("href").endswith("/S/RES/2765(2024)@1?reading=next-engine")
        note.locator("a").click()
        page.wait_for_url("**reading=next-engine")
        assert page.locator("p.newer-reading").count() == 0
        shot(page, "05-newer-reading")
        context.close()
        assert errors == []
    finally:
        for wsgi, app in zip(servers, apps):
            wsgi.close()
            app.extensions["councilwatch.db"].dispose()
