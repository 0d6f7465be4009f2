"""The bundled Council data loaded into a database: every resolution a document, the
founding story's vote, S/2022/431 with its conflict, meeting and member pages, and the
property that every stored vote satisfies the checks or carries a conflict."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from crawler.council import votingdata
from crawler.council.load import HERE, TABLES, LoadReport, _known_years, _meeting_table, _voting_data, load_into
from models.council import CouncilAct, VoteObservation
from models.council_store import finish, preload
from models.db import Database
from models.documents import Document
from models.migrate import upgrade
from models.reconcile import check
from models.votes import MemberVote, Vote


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """The whole bundled Council data, loaded once into SQLite for this module."""
    url = f"sqlite:///{tmp_path_factory.mktemp('council') / 'council.sqlite3'}"
    upgrade(url)
    database = Database(url)
    report = load_into(database)
    yield database, report, url
    database.dispose()


@pytest.fixture(scope="module")
def client(loaded):
    from webapp import create_app

    app = create_app({"TESTING": True, "DATABASE_URL": loaded[2], "SECRET_KEY": "test-secret-key-of-at-least-32-characters"})
    yield app.test_client()
    app.extensions["councilwatch.db"].dispose()


def test_every_resolution_of_the_voting_data_is_a_document(loaded):
    database, _, _ = loaded
    wanted = {r.resolution for r in votingdata.read_all(HERE, known_years=_known_years()) if r.resolution}
    with database.reader() as session:
        held = set(session.scalars(select(Document.symbol).where(Document.kind == "resolution")))
    assert len(wanted) > 1900 and wanted <= held


def test_every_number_from_1_to_2813_is_a_resolution_with_an_act(loaded):
    database, report, _ = loaded
    with database.reader() as session:
        numbers = set(session.scalars(select(CouncilAct.number).where(CouncilAct.kind == "resolution")))
        without_text = session.scalar(select(func.count()).select_from(Document).where(
            Document.kind == "resolution", ~Document.versions.any()))
    assert set(range(1, 2814)) <= numbers
    assert report.counts["resolutions_without_source"] == 0
    assert without_text > 2000  # metadata only: "text not captured yet"


def test_the_founding_story(loaded, client):
    body = client.get("/api/v1/documents/S/RES/2803(2025)").get_json()
    assert body["adopted_on"] == "2025-11-17"
    assert body["agenda_item"] == "The situation in the Middle East, including the Palestinian question"
    assert body["text_captured"] is False
    (vote,) = body["votes"]
    assert (vote["draft"], vote["resolution"], vote["outcome"]) == ("S/2025/748", "S/RES/2803 (2025)", "adopted")
    assert (vote["yes"], vote["no"], vote["abstain"]) == (13, 0, 2)
    assert sorted(m["member"] for m in vote["members"] if m["vote"] == "abstain") == ["China", "Russian Federation"]
    assert vote["sources"][0]["locator"] == "sc_voting_tail_from_4900000.csv#ID=2175" and not vote["conflicts"]
    assert any(link["kind"] == "news" for link in body["links"])  # the news items of 18 November
    page = client.get("/S/RES/2803(2025)").get_data(as_text=True)
    assert "Text not captured yet" in page and "S/2025/748" in page and "Palestinian question" in page
    assert "Hamas" in page or "MBS" in page  # the reported items, beside the record


def test_s2022_431_is_13_2_0_and_the_library_table_is_shown_beside_it(client):
    body = client.get("/api/v1/documents/S/2022/431").get_json()
    (vote,) = body["votes"]
    assert (vote["yes"], vote["no"], vote["abstain"], vote["outcome"]) == (13, 2, 0, "vetoed")
    assert vote["vetoed_by"] == ["China", "Russian Federation"]
    no = next(c for c in vote["conflicts"] if c.get("field") == "no")
    assert {(v["label"], v["value"]) for v in no["values"]} == {
        ("per-member voting data (oliverunv/Voting-Agent)", 2), ("UN library meeting table", 0)}
    page = client.get("/S/2022/431").get_data(as_text=True)
    assert "13-2-0" in page and "vetoed by China, Russian Federation" in page and "sources disagree" in page
    assert "vetoed 13-0-2" not in page.replace("</span>", "").replace('<span class="tally" title="yes–no–abstain">', "")


def test_meeting_pages_show_their_votes(client):
    page = client.get("/S/PV.9048").get_data(as_text=True)
    assert "S/2022/431" in page and "13-2-0" in page and "26 May 2022" in page


def test_member_pages_and_the_votes_api(client):
    body = client.get("/api/v1/votes?member=China&from=2025-11-01&to=2025-11-30").get_json()
    assert any(v["resolution"] == "S/RES/2803 (2025)" and v["vote"] == "abstain" for v in body["votes"])
    assert client.get("/api/v1/votes?member=China&from=yesterday").status_code == 400
    assert client.get("/api/v1/votes?member=Atlantis").status_code == 404
    page = client.get("/members/Russian%20Federation").get_data(as_text=True)
    assert "S/2022/431" in page and "(veto)" in page


def test_titles_read_as_resolutions(loaded):
    database, _, _ = loaded
    with database.reader() as session:
        titles = list(session.scalars(select(Document.title).where(Document.kind == "resolution")))
    assert not [t for t in titles if t and re.match(r"^\d+\s*\(\d{4}\)\. Resolution of", t)]


def test_every_stored_vote_satisfies_the_checks_or_carries_a_conflict(loaded):
    database, _, _ = loaded
    with database.reader() as session:
        votes = list(session.scalars(select(Vote)))
        members: dict[int, dict[str, str]] = {}
        for row in session.scalars(select(MemberVote)):
            members.setdefault(row.vote_id, {})[row.member] = row.choice
        complete = set(session.scalars(select(VoteObservation.vote_id).where(VoteObservation.members_complete)))
    assert len(votes) > 3000
    for vote in votes:
        values = {"yes": vote.yes, "no": vote.no, "abstain": vote.abstain, "outcome": vote.outcome, "date": vote.date}
        failures = check(values, members.get(vote.id, {}), vote.id in complete)
        assert not failures or vote.conflicts, (vote.meeting, vote.document_id, failures)


def test_loading_twice_writes_nothing(loaded):
    database, _, _ = loaded
    with database.reader() as session:
        before = [session.scalar(select(func.count()).select_from(t)) for t in (Document, Vote, MemberVote, VoteObservation)]
    again = load_into(database)
    with database.reader() as session:
        after = [session.scalar(select(func.count()).select_from(t)) for t in (Document, Vote, MemberVote, VoteObservation)]
    assert again.skipped and before == after


def test_sources_meet_in_one_vote_on_every_backend(db):
    """The 2022 library table and the voting data, on SQLite and PostgreSQL: one vote for
    S/2022/431 with both sources and the conflict; reading them again changes nothing."""
    records = [r for r in votingdata.read_xlsx(HERE / votingdata.XLSX) if r.on and r.on.year == 2022]
    for _ in range(2):
        report = LoadReport()
        with db.writer() as session:
            preload(session)
            _meeting_table(session, TABLES / "scact2022_table_en.html", report)
            _voting_data(session, records, report)
            finish(session)
    with db.reader() as session:
        draft = session.scalar(select(Document).where(Document.key == "S/2022/431"))
        (vote,) = session.scalars(select(Vote).where(Vote.document_id == draft.id))
        observations = session.scalar(select(func.count()).select_from(VoteObservation).where(VoteObservation.vote_id == vote.id))
        assert (vote.tally, observations) == ("13-2-0", 2)
        assert {c.get("field") for c in vote.conflicts} == {"no", "abstain"}
        resolution = session.scalar(select(Document).where(Document.key == "S/RES/2640 (2022)"))
        assert session.scalar(select(func.count()).select_from(Vote).where(Vote.resolution_id == resolution.id)) == 1


def test_a_meeting_record_is_the_first_source_of_its_vote(db):
    from datetime import date
    from pathlib import Path

    from crawler.council.meeting_records import read_votes, record_meeting_record_votes

    text = (Path(__file__).parents[1] / "fixtures" / "council" / "S_PV_3487_vote_excerpt.txt").read_text()
    read = read_votes(text)  # models.text.meeting_record: the votes as read out
    with db.writer() as session:
        preload(session)
        _meeting_table(session, TABLES / "scact1995_table_en.html", LoadReport())
        finish(session)
    with db.writer() as session:
        assert record_meeting_record_votes(session, "S/PV.3487", read, on=date(1995, 1, 12)) == 1
        assert record_meeting_record_votes(session, "S/PV.3487", read, on=date(1995, 1, 12)) == 0
    with db.reader() as session:
        resolution = session.scalar(select(Document).where(Document.key == "S/RES/970 (1995)"))
        (vote,) = session.scalars(select(Vote).where(Vote.resolution_id == resolution.id))
        assert (vote.tally, vote.sources[0]["source"], vote.document.symbol) == ("14-0-1", "meeting-record", "S/1995/21")
        choices = {m.member: m.choice for m in vote.members}
        assert choices["Russian Federation"] == "A" and choices["United Kingdom"] == "Y" and len(choices) == 15


def test_the_operator_lists_conflicts(loaded):
    import webapp.cli as cli
    from webapp import create_app

    app = create_app({"DATABASE_URL": loaded[2], "SECRET_KEY": "test-secret-key-of-at-least-32-characters"})
    result = app.test_cli_runner().invoke(cli.main, ["council", "conflicts"])
    app.extensions["councilwatch.db"].dispose()
    assert result.exit_code == 0, result.output
    block = result.output.split("S/2022/431")[1].split("\n2")[0]
    assert "no: 2 (per-member voting data" in block and "0 (UN library meeting table" in block


def test_meeting_record_texts_held_are_read_by_the_load(db):
    from pathlib import Path

    from crawler.council.load import _meeting_record_versions, _meeting_records
    from models.store import record_version

    text = (Path(__file__).parents[1] / "fixtures" / "council" / "S_PV_3487_vote_excerpt.txt").read_text()
    with db.writer() as session:
        record_version(session, text=text, raw=text.encode(), media_type="text/plain", symbol="S/PV.3487",
                       kind="meeting_record")
    report = LoadReport()
    with db.writer() as session:
        preload(session)
        held = _meeting_record_versions(session)
        _meeting_records(session, held, report)
        finish(session)
    assert len(held) == 1 and report.counts == {"meeting_record_votes": 1, "meeting_records_read": 1}
    with db.reader() as session:
        (vote,) = session.scalars(select(Vote))
        assert (vote.meeting, vote.tally, vote.outcome) == ("S/PV.3487", "14-0-1", "adopted")


@pytest.mark.parametrize("path, url", [
    ("/api/v1/documents/{symbol}", "/api/v1/documents/S/2022/431"),
    ("/api/v1/documents/{symbol}", "/api/v1/documents/S/RES/2803(2025)"),
    ("/api/v1/documents/{symbol}", "/api/v1/documents/S/PV.9048"),
    ("/api/v1/votes", "/api/v1/votes?member=Russian%20Federation&from=2022-01-01&to=2022-12-31"),
])
def test_council_responses_match_the_openapi_document(client, path, url):
    from jsonschema import Draft202012Validator, FormatChecker

    spec = client.get("/api/v1/openapi.json").get_json()
    schema = {**spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"],
              "components": spec["components"]}
    response = client.get(url)
    assert response.status_code == 200
    errors = list(Draft202012Validator(schema, format_checker=FormatChecker()).iter_errors(response.get_json()))
    assert not errors, [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:5]]
