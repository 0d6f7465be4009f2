"""France at the UN (https://onu.delegfrance.org, formerly franceonu.org): statements
and explanations of vote ("Nous sommes déçus par ce vote, mais pas découragés").
Articles sit at the site root under their title slug, listed by
https://onu.delegfrance.org/-Conseil-de-securite-."""
from .statements import StatementSpider


class DelegFranceSpider(StatementSpider):
    name = "delegfrance"
    member = "France"
    source_title = "Représentation permanente de la France auprès des Nations unies"
    source_url = "https://onu.delegfrance.org/"
    default_start_urls = ("https://onu.delegfrance.org/-Conseil-de-securite-",)
    listing_pattern = r"/-[A-Za-z0-9-]+-/?(?:\?debut_articles=\d+)?$"
    article_pattern = r"(?:onu\.delegfrance\.org|franceonu\.org|127\.0\.0\.1:\d+)/(?!-)[A-Za-z0-9-]+(?:-\d+)?$"
    body_selectors = (".texte", "article", "main")
    date_selectors = (".chapo::text", "time::attr(datetime)")
