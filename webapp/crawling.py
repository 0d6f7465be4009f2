"""`/crawling`: the page the crawler's User-Agent names, for the people who run the sites
it reads — who crawls, why, how often, how politely, and how to reach the operator."""
from __future__ import annotations

from flask import Blueprint, current_app, render_template, request

from models.settings import user_agent

from .caching import short_lived

bp = Blueprint("crawling", __name__)


@bp.get("/crawling")
def page():
    from .scheduler import intervals_from

    config = current_app.config
    intervals = sorted(intervals_from(config.get("CRAWL_INTERVALS")).items(), key=lambda item: item[1])
    body = render_template(
        "crawling.html", user_agent=user_agent(config), operator=config.get("CRAWLER_OPERATOR"),
        email=config.get("CRAWLER_EMAIL"), intervals=intervals, delay=config.get("DOWNLOAD_DELAY"),
    )
    from flask import Response

    return short_lived(Response(body, mimetype="text/html"), request)
