"""No tokens in logs: the signed tokens in confirm, manage and unsubscribe links are
credentials (a manage token opens an address's alerts), and the paths that carry them
reach log lines (Flask's "Exception on /subscribe/manage/<token> [GET]", warnings).
A filter on the app's and the servers' loggers cuts each token to its first 6 chars."""
from __future__ import annotations

import logging
import re

_TOKEN_PATH = re.compile(r"(/(?:subscribe/confirm|subscribe/manage|unsubscribe)/)([A-Za-z0-9_\-.]{6})[A-Za-z0-9_\-.]+")


def redact(text: str) -> str:
    """`/subscribe/manage/eyJlIjoi…` → `/subscribe/manage/eyJlIj…`."""
    return _TOKEN_PATH.sub(r"\1\2…", text)


class RedactTokens(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


def install(app) -> None:
    """Filter the app's logger and the WSGI servers' (werkzeug, waitress)."""
    token_filter = RedactTokens()
    for logger in (app.logger, logging.getLogger("werkzeug"), logging.getLogger("waitress")):
        if not any(isinstance(f, RedactTokens) for f in logger.filters):
            logger.addFilter(token_filter)
