"""France at the UN (https://onu.delegfrance.org, formerly franceonu.org): statements
and explanations of vote ("Nous sommes déçus par ce vote, mais pas découragés").

Discovery: the SPIP RSS feed https://onu.delegfrance.org/spip.php?page=backend first
(SPIP's standard "backend" skeleton, RSS 2.0; conditional requests), the Security
Council section https://onu.delegfrance.org/-Conseil-de-securite- as fallback.
Evidence: public statement trackers configure onu.delegfrance.org/spip.php?page=backend
(with `&id_rubrique=`) as France's mission feed; SPIP sites publish that URL as their
RSS (lefaso.net, reporterre.net, …).
Parsing: SPIP article skeleton: `.titre`, `.chapo` (standfirst, with the date),
`.texte` (body) only — a page without `.texte` is not an article. Navigation pages
share the article URL form (`/Contact-us`, `/Plan-du-site`, `/Mentions-legales`): they
are never read as articles, and a page must concern the Security Council to be stored.
Identity: keyed by URL.
"""
from .statements import StatementSpider


class DelegFranceSpider(StatementSpider):
    name = "delegfrance"
    member = "France"
    source_title = "Représentation permanente de la France auprès des Nations unies"
    source_url = "https://onu.delegfrance.org/"
    feed_urls = ("https://onu.delegfrance.org/spip.php?page=backend",)
    feed_pattern = r"/spip\.php\?page=backend"
    default_start_urls = ("https://onu.delegfrance.org/-Conseil-de-securite-",)
    listing_pattern = r"/-[A-Za-z0-9-]+-/?(?:\?debut_articles=\d+)?$"
    article_pattern = r"(?:onu\.delegfrance\.org|franceonu\.org|127\.0\.0\.1:\d+)/(?!-)[A-Za-z0-9-]+(?:-\d+)?$"
    navigation_pattern = (r"/(?:Contact(?:-us|ez-nous)?|Plan-du-site|Site-map|Mentions-legales|Legal-notice|Credits"
                          r"|Accessibilite|Accessibility|Donnees-personnelles|Personal-data|Newsletter|Lettre-d-information"
                          r"|Recherche|Search|spip\.php)(?:$|[?/])")
    body_selectors = (".texte",)
    date_selectors = (".chapo::text", "time::attr(datetime)")
