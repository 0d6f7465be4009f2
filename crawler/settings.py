"""Scrapy settings: polite by default (robots.txt as RFC 9309 says, an identifying
User-Agent, AutoThrottle, one request at a time per domain, Retry-After honoured,
conditional requests), correct (TLS verified, bounded retries, size limits and
timeouts), and configured by `models.settings` (environment, then the instance's
config.py, then defaults) like the rest of councilwatch."""
from models.settings import load as _load_settings
from models.settings import user_agent as _user_agent

_settings = _load_settings()

BOT_NAME = "councilwatch"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

COUNCILWATCH_DATABASE_URL = _settings["DATABASE_URL"]
#: A page where site operators learn who runs this crawler and how to reach them (`/crawling`).
CRAWLER_CONTACT = _settings["CRAWLER_CONTACT"]
USER_AGENT = _user_agent(_settings)

# Politeness
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 5.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_DELAY = float(_settings["DOWNLOAD_DELAY"])
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 1
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False

# Correctness
DOWNLOAD_VERIFY_CERTIFICATES = True
DOWNLOAD_TIMEOUT = 60
DOWNLOAD_MAXSIZE = 50 * 1024 * 1024  # as models.rawtext.MAX_BYTES
DOWNLOAD_WARNSIZE = 10 * 1024 * 1024
DOWNLOAD_FAIL_ON_DATALOSS = True  # a truncated body is an error, never a page
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
#: A Retry-After longer than this ends the retries for this run (the next run tries again).
RETRY_AFTER_MAX = 600.0
REDIRECT_MAX_TIMES = 5
CONDITIONAL_REQUESTS = True
#: After a site answered with a challenge (AWS WAF): seconds before the next attempt,
#: doubled per challenged run in a row, at most BLOCKED_BACKOFF_MAX.
BLOCKED_BACKOFF = float(_settings["BLOCKED_BACKOFF"])
BLOCKED_BACKOFF_MAX = float(_settings["BLOCKED_BACKOFF_MAX"])

DOWNLOADER_MIDDLEWARES = {
    "crawler.replay.ReplayMiddleware": 50,
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.middlewares.RFC9309RobotsTxtMiddleware": 100,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.blocking.SiteBlockMiddleware": 540,
    "crawler.middlewares.RetryAfterMiddleware": 550,
    "crawler.conditional.ConditionalRequestMiddleware": 560,
    "crawler.middlewares.FetchTimeMiddleware": 990,
    # Content-Length, bounded stream decompression, clean stream ends (crawler/integrity.py)
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    "crawler.integrity.IntegrityMiddleware": 590,
}
ITEM_PIPELINES = {"crawler.pipelines.StorePipeline": 300}
EXTENSIONS = {"crawler.health.CrawlHealth": 500, "crawler.load_progress.LoadProgress": 510}

#: Where live crawls write their WARC files (default: <instance>/warc/<spider>/).
WARC_DIR = _settings["WARC_DIR"]
#: Set by `crawl --replay FILE`: answer every request from this WARC archive.
REPLAY_FILE = None

#: Items (and their bodies) never reach the log; `crawl` exits non-zero on a failed crawl.
LOG_FORMATTER = "crawler.integrity.QuietLogFormatter"
COMMANDS_MODULE = "crawler.commands"

LOG_LEVEL = _settings["LOG_LEVEL"]
FEED_EXPORT_ENCODING = "utf-8"

# Scrapy 2.19 starts a remote-control HTTP server (code execution) by default: off.
REMOTE_CONTROL_ENABLED = False
