"""United States Mission to the United Nations (https://usun.usmission.gov): remarks and
explanations of vote, listed at https://usun.usmission.gov/category/remarks-and-highlights/."""
from .statements import StatementSpider


class UsunSpider(StatementSpider):
    name = "usun"
    member = "United States"
    source_title = "United States Mission to the United Nations"
    source_url = "https://usun.usmission.gov/"
    default_start_urls = ("https://usun.usmission.gov/category/remarks-and-highlights/",)
    listing_pattern = r"usun\.usmission\.gov/category/[a-z-]+/(?:page/\d+/)?$|/category/remarks-and-highlights/$"
    article_pattern = r"^https?://[^/]+/(?:explanation-of-(?:vote|position)|remarks)-[a-z0-9-]+/$"
    body_selectors = (".entry-content", "article", "main")
    title_suffixes = ("- United States Mission to the United Nations",)
