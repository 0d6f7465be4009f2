"""Greece on the UN Security Council (elected member 2025-2026): the Ministry of Foreign
Affairs publishes its Council statements at https://mfa.gr/en/<title slug> ("Minister of
Foreign Affairs George Gerapetritis' intervention at the meeting of the UN Security
Council on Ukraine (New York, 24.02.2025)").

Discovery: the Ministry's English WordPress feed https://mfa.gr/en/feed/ first
(conditional requests), the English home page https://mfa.gr/en/ as fallback; only
pages of the article form are followed. Evidence: the statements archived by public
web indexes at https://mfa.gr/en/minister-of-foreign-affairs-george-gerapetritis-intervention-at-the-meeting-of-the-un-security-council-on-ukraine-new-york-24-02-2025
and …/minister-of-foreign-affairs-george-gerapetritis-message-on-the-occasion-of-the-beginning-of-greeces-term-as-an-elected-member-of-the-un-security-council-01-01-2025;
the `/feed/` address is WordPress's and is not confirmed for this site (the home page
is the fallback). Parsing: `article`, else `main`. Relevance: the Ministry publishes
everything Greek diplomacy does; only pages that concern the Security Council are
stored, and the source tolerates a high off-topic share. Identity: keyed by URL.
"""
from .statements import StatementSpider


class GreeceUnSpider(StatementSpider):
    name = "greece_un"
    member = "Greece"
    source_title = "Hellenic Republic, Ministry of Foreign Affairs: Greece in the UN Security Council"
    source_url = "https://mfa.gr/en/"
    feed_urls = ("https://mfa.gr/en/feed/",)
    feed_pattern = r"mfa\.gr/en/feed/?$|/en/feed/$"
    default_start_urls = ("https://mfa.gr/en/",)
    listing_pattern = r"mfa\.gr/en/?$"
    article_pattern = r"/en/[a-z0-9]+(?:-[a-z0-9]+){3,}/?$"
    navigation_pattern = r"/en/(?:contact|sitemap|search|privacy-policy|cookies-policy)/?$"
    body_selectors = ("article", "main")
    off_topic_tolerance = 0.95
