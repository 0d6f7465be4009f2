"""While the bundled archive loads in the background, every page says how far it is; an
immutable version page stays the same bytes; a completed load leaves no banner; an
interrupted one says so. `start_loading` writes nothing when the load is complete."""
from __future__ import annotations

from models.loading import archive_digest, begin, finish, advance, latest_state
from webapp.loading import start_loading

from .conftest import ingest

BANNER = "Still loading the bundled archive"


def _load(app, **progress):
    with app.extensions["councilwatch.db"].writer() as session:
        load_id = begin(session, "a" * 64, "councilwatch-bundle.warc.gz", total=3648)
        if progress:
            advance(session, load_id, **progress)
    app.extensions.pop("councilwatch.loading", None)
    return load_id


def test_pages_say_what_is_still_loading(app, client):
    ingest(app, "S_RES_2709_2023.txt")
    _load(app, done=1234, phase="UN Official Document System (undocs.org): 3571 records")
    for path in ("/", "/S/RES/2709(2023)", "/search?q=mandate"):
        page = client.get(path).get_data(as_text=True)
        assert BANNER in page and "1,234 of 3,648 records (33&nbsp;%)" in page and "undocs.org" in page, path
    assert BANNER not in client.get("/S/RES/2709(2023)@1").get_data(as_text=True)  # immutable: same bytes forever


def test_no_banner_once_complete_and_a_word_when_interrupted(app, client):
    load_id = _load(app)
    with app.extensions["councilwatch.db"].writer() as session:
        finish(session, load_id, ok=False, message="interrupted (SystemExit)")
    app.extensions.pop("councilwatch.loading", None)
    page = client.get("/").get_data(as_text=True)
    assert "did not load completely (interrupted (SystemExit))" in page and BANNER not in page
    with app.extensions["councilwatch.db"].writer() as session:
        finish(session, load_id, ok=True, message="3648 records in 70 s")
    app.extensions.pop("councilwatch.loading", None)
    page = client.get("/").get_data(as_text=True)
    assert "did not load" not in page and BANNER not in page


def test_a_complete_load_is_not_started_again(app, tmp_path):
    archive = tmp_path / "bundle.warc.gz"
    archive.write_bytes(b"an archive")
    with app.extensions["councilwatch.db"].writer() as session:
        load_id = begin(session, archive_digest(archive), archive.name, total=1)
        finish(session, load_id, ok=True, message="1 record")
    with app.extensions["councilwatch.db"].reader() as session:
        before = latest_state(session)
    assert start_loading(app, archive) is None
    with app.extensions["councilwatch.db"].reader() as session:
        assert latest_state(session) == before


def test_a_changed_archive_or_data_beside_it_is_a_new_load(tmp_path):
    archive = tmp_path / "bundle.warc.gz"
    archive.write_bytes(b"an archive")
    digests = [archive_digest(archive)]
    (tmp_path / "council").mkdir()
    (tmp_path / "council" / "votes.csv").write_text("meeting,draft\n")
    digests.append(archive_digest(archive))
    (tmp_path / "council" / "votes.csv").write_text("meeting,draft\nS/PV.10046,S/2025/748\n")
    digests.append(archive_digest(archive))
    archive.write_bytes(b"another archive")
    digests.append(archive_digest(archive))
    assert len(set(digests)) == 4
