"""Recorded archives per source, for bench/crawl.py: each source's test fixtures (pages
that follow the real sites' structure; see each fixture folder's README) written into a
WARC at their real URLs, repeated under `copies` distinct URLs of the same form so that
a crawl reads enough pages to time the spider and pipeline rather than start-up.
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
HTML, XML, JSON, RSS, ATOM = ("text/html; charset=utf-8", "application/xml", "application/json",
                              "application/rss+xml", "application/atom+xml")
GAZA = "we-voted-yes-on-the-need-for-an-immediate-and-sustained-ceasefire-to-protect-civilians-in-gaza-uk-statement-at-the-un-security-council"
UN80 = "the-uk-stands-ready-to-work-to-advance-the-secretary-generals-un80-reform-initiative-uk-statement-in-the-un-general-assembly"
USUN = "explanation-of-vote-on-a-russia-drafted-un-security-council-resolution-on-the-situation-in-the-middle-east"
DK = "24-10-2025-Statement-for-open-debate-on-The-United-Nations-Organization"
GR = "minister-of-foreign-affairs-george-gerapetritis-intervention-at-the-meeting-of-the-un-security-council-on-ukraine-new-york-24-02-2025"
UNDL = "https://digitallibrary.un.org/search?ln=en&c=Voting+Data&fct__2=Security+Council&rg=50&of=xm&jrec={n}"

#: spider: [(fixture folder/file, URL with {n} for the copy number (or without: one copy), Content-Type)]
SOURCES: dict[str, list[tuple[str, str, str]]] = {
    "dhl_meetings": [(f"dhl_meetings/{name}", f"https://www.un.org/depts/dhl/resguide/{url}", HTML) for name, url in (
        ("scact1946_table_en.html", "scact1946_table_en.html"), ("scact1972_table_en.html", "scact1972_table_en.html"),
        ("scact2006_table_en.html", "scact2006_table_en.htm"), ("scact2020_table_en.html", "scact2020_table_en.htm"),
        ("scact2020_covid_table_en.html", "scact2020_covid_table_en.htm"),
        ("scact2022_table_en.html", "scact2022_table_en.html"), ("scact_veto_table_en.html", "scact_veto_table_en.htm"))],
    "undl": [("undl/security_council_rebuilt_of-xm.xml", UNDL, XML)],
    "un_press": [("un_press/rss.xml", "https://press.un.org/en/rss.xml", RSS),
                 ("un_press/sc14911.doc.htm", "https://press.un.org/en/2022/sc{n:05d}.doc.htm", HTML)],
    "un_statements": [("un_statements/sc15804.doc.htm", "https://press.un.org/en/2024/sc{n:05d}.doc.htm", HTML)],
    "gov_uk": [("gov_uk/news-and-communications.atom", "https://www.gov.uk/search/news-and-communications.atom"
                "?world_locations%5B%5D=uk-mission-to-the-united-nations-new-york", ATOM),
               ("gov_uk/we-voted-yes-on-the-need-for-an-immediate-and-sustained-ceasefire.html",
                f"https://www.gov.uk/government/speeches/{GAZA}-{{n}}", HTML),
               ("gov_uk/the-uk-stands-ready-to-work-to-advance-the-secretary-generals-un80-reform-initiative.html",
                f"https://www.gov.uk/government/speeches/{UN80}", HTML)],
    "usun": [("usun/feed.xml", "https://usun.usmission.gov/feed/", RSS),
             (f"usun/{USUN}.html", f"https://usun.usmission.gov/{USUN}-{{n}}/", HTML)],
    "delegfrance": [("delegfrance/backend.xml", "https://onu.delegfrance.org/spip.php?page=backend", RSS),
                    ("delegfrance/Nous-sommes-decus-par-ce-vote-mais-pas-decourages.html",
                     "https://onu.delegfrance.org/Nous-sommes-decus-par-ce-vote-mais-pas-decourages-{n}", HTML)],
    "russiaun": [("russiaun/7161023.html", "https://russiaun.ru/en/news/{n}", HTML)],
    "denmark_un": [(f"denmark_un/{DK}.html", f"https://dkonunsc.dk/statements/24-10-2025-{{n}}-open-debate", HTML)],
    "greece_un": [(f"greece_un/{GR}.html", f"https://mfa.gr/en/{GR}-{{n}}", HTML)],
    "un_journal": [("un_journal/officialsnew_2025-01-16.json", "https://journal-api.un.org/api/officialsnew/{day}", JSON)],
    "wib_forecast": [("wib_forecast/overview-72.php",
                      "https://www.securitycouncilreport.org/monthly-forecast/2024-12/overview-{n}.php", HTML)],
    "whats_in_blue": [("whats_in_blue/afghanistan-vote-on-the-mandate-of-the-monitoring-team-supporting-the-1988-sanctions-committee.php",
                       "https://www.securitycouncilreport.org/whatsinblue/2024/12/afghanistan-vote-{n}.php", HTML)],
}


def _url(template: str, n: int) -> str:
    day = f"2025-{1 + n // 28 % 12:02d}-{1 + n % 28:02d}"
    return template.format(n=n, day=day)


def build_archive(spider: str, folder: Path, copies: int) -> tuple[Path, int]:
    """A WARC of the source's fixture pages (each under `copies` URLs where its URL has
    a copy number); returns (path, number of records)."""
    from crawler.warc import WarcArchive

    path = folder / f"{spider}.warc.gz"
    written = 0
    when = datetime(2026, 12, 1, tzinfo=timezone.utc)
    with WarcArchive(path, info={"operator-crawl": f"bench {spider}"}) as archive:
        for fixture, template, content_type in SOURCES[spider]:
            body = (FIXTURES / fixture).read_bytes()
            numbers = range(1, copies + 1) if "{" in template else (0,)
            for n in numbers:
                archive.write_response(_url(template, n), 200, {"Content-Type": content_type}, body, when)
                written += 1
    return path, written
