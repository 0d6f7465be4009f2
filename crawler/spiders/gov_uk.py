"""UK statements at the UN (GOV.UK): speeches of the UK Mission to the UN in New York
("…: UK statement at the UN Security Council"), each at
https://www.gov.uk/government/speeches/<slug>.

Discovery, feeds first: the finder's Atom feed filtered by the mission's world location
(`world_locations[]=uk-mission-to-the-united-nations-new-york`, a facet the
news-and-communications finder accepts; the mission is an "international delegation"
world location), then the search API with the same facet
(`/api/search.json?filter_world_locations=…&filter_content_store_document_type=speech`);
the finder's HTML listing with that facet only when both fail. The earlier
`organisations[]=uk-mission-to-the-united-nations-new-york` is not a facet the finder
accepts: it answered the unfiltered listing, every government speech.
Evidence: public statement trackers configure exactly this Atom URL as the UK mission's
"verified working feed"; GOV.UK's own frontends query the search API with
`filter_world_locations: <slug>` and `order: -public_timestamp` (alphagov/whitehall,
alphagov/collections); the search API documents `filter_world_locations`.
Parsing: the speech body `.govspeak`, title from og:title. Relevance: a speech is stored
only when it concerns the Security Council (crawler.relevance) — a UK statement to the
General Assembly or a minister's speech elsewhere is not a Council statement.
Identity: keyed by URL.
"""
from .statements import StatementSpider

LOCATION = "uk-mission-to-the-united-nations-new-york"


class GovUkSpider(StatementSpider):
    name = "gov_uk"
    member = "United Kingdom"
    source_title = "GOV.UK: UK Mission to the UN in New York"
    source_url = "https://www.gov.uk/world/uk-mission-to-the-united-nations-new-york"
    feed_urls = (
        f"https://www.gov.uk/search/news-and-communications.atom?world_locations%5B%5D={LOCATION}",
        f"https://www.gov.uk/api/search.json?filter_world_locations={LOCATION}"
        "&filter_content_store_document_type=speech&order=-public_timestamp&count=50"
        "&fields=title,link,public_timestamp,description",
    )
    feed_pattern = r"/search/news-and-communications\.atom\?|/api/search\.json\?"
    default_start_urls = (
        f"https://www.gov.uk/search/news-and-communications?world_locations%5B%5D={LOCATION}",
    )
    listing_pattern = r"/search/news-and-communications\?"
    article_pattern = r"/government/speeches/[a-z0-9-]+$"
    body_selectors = (".govspeak", "main", "article")
    title_suffixes = ("- GOV.UK",)
