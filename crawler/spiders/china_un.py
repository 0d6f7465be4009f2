"""Permanent Mission of the People's Republic of China to the UN
(https://un.china-mission.gov.cn/eng/): remarks and explanations of vote
("Explanation of Vote by Ambassador Fu Cong after the Security Council vote on …").

Discovery: the site (a TRS government CMS) publishes no feed; two listings are read,
"Statements and Remarks" https://un.china-mission.gov.cn/eng/hyyfy/ and "China and the
UN" news https://un.china-mission.gov.cn/eng/zgyw/. Article URLs carry the month and a
TRS id: /eng/hyyfy/202603/t20260312_11873948.htm, /eng/zgyw/202507/t20250729_11679232.htm
(both forms cited in public documents and mirrored by public crawlers, which rewrite
fmprc.gov.cn links to `…/eng/zgyw/<yyyymm>/t<date>_<id>.htm`). Listing pages link
articles relatively ("./202603/t20260312_11873948.htm").
Parsing: TRS article body `.TRS_Editor` (the CMS's editor block on Chinese government
sites), else `#News_Body_Txt_A`, `.content`; the listing markup is not relied on (any
link of the article form is followed). Relevance: stored only when the remarks concern
the Security Council — the mission's listings also carry General Assembly, human
rights and development statements. Identity: keyed by URL.
"""
from .statements import StatementSpider


class ChinaUnSpider(StatementSpider):
    name = "china_un"
    member = "China"
    source_title = "Permanent Mission of the People's Republic of China to the United Nations"
    source_url = "https://un.china-mission.gov.cn/eng/"
    default_start_urls = ("https://un.china-mission.gov.cn/eng/hyyfy/", "https://un.china-mission.gov.cn/eng/zgyw/")
    listing_pattern = r"/eng/(?:hyyfy|zgyw)/(?:index(?:_\d+)?\.htm)?$"
    article_pattern = r"/eng/(?:hyyfy|zgyw)/\d{6}/t\d{8}_\d+\.htm$"
    body_selectors = (".TRS_Editor", "#News_Body_Txt_A", ".content", "article")
    date_selectors = ('meta[name="PubDate"]::attr(content)', "time::attr(datetime)")
    off_topic_tolerance = 0.8
