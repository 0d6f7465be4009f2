"""UK statements at the UN (GOV.UK): speeches of the UK Mission to the UN, listed at
https://www.gov.uk/search/news-and-communications?organisations[]=uk-mission-to-the-united-nations-new-york,
each at https://www.gov.uk/government/speeches/<slug> ("…: UK statement at the UN Security Council")."""
from .statements import StatementSpider


class GovUkSpider(StatementSpider):
    name = "gov_uk"
    member = "United Kingdom"
    source_title = "GOV.UK: UK Mission to the UN in New York"
    source_url = "https://www.gov.uk/world/organisations/uk-mission-to-the-united-nations-new-york"
    default_start_urls = (
        "https://www.gov.uk/search/news-and-communications?organisations%5B%5D=uk-mission-to-the-united-nations-new-york",
    )
    listing_pattern = r"gov\.uk/search/news-and-communications\?|/search/news-and-communications\?"
    article_pattern = r"/government/speeches/[a-z0-9-]+$"
    body_selectors = (".govspeak", "main", "article")
    title_suffixes = ("- GOV.UK",)
