"""United States Mission to the United Nations (https://usun.usmission.gov): remarks and
explanations of vote.

Discovery: the WordPress RSS feed https://usun.usmission.gov/feed/ first (conditional
requests), the category listing https://usun.usmission.gov/category/remarks-and-highlights/
as fallback. Evidence: public statement trackers list https://usun.usmission.gov/feed/
as the mission's verified feed; WordPress serves `/feed/` as RSS 2.0 with `<item><link>`.
Parsing: `.entry-content` (WordPress). Relevance: stored only when the remarks concern
the Security Council (the mission also speaks at the General Assembly, ECOSOC and
elsewhere). Identity: keyed by URL.
"""
from .statements import StatementSpider


class UsunSpider(StatementSpider):
    name = "usun"
    member = "United States"
    source_title = "United States Mission to the United Nations"
    source_url = "https://usun.usmission.gov/"
    feed_urls = ("https://usun.usmission.gov/feed/",)
    feed_pattern = r"usun\.usmission\.gov/feed/?$|/feed/$"
    default_start_urls = ("https://usun.usmission.gov/category/remarks-and-highlights/",)
    listing_pattern = r"usun\.usmission\.gov/category/[a-z-]+/(?:page/\d+/)?$|/category/remarks-and-highlights/$"
    article_pattern = r"^https?://[^/]+/(?:explanation-of-(?:vote|position)|remarks)-[a-z0-9-]+/$"
    body_selectors = (".entry-content", "article", "main")
    title_suffixes = ("- United States Mission to the United Nations",)
    #: The mission's feed carries all its remarks; most are not about the Council.
    off_topic_tolerance = 0.9
