"""Structured logging: one JSON object per line, tagged with the current request."""

import json
import logging
from contextvars import ContextVar
from datetime import UTC, datetime

# Set by RequestIdMiddleware for the duration of a request.
current_request: ContextVar[dict | None] = ContextVar("current_request", default=None)

RECORD_FIELDS = ("status", "duration_ms", "user_id")


class JsonFormatter(logging.Formatter):
    """Formats a record as JSON with time, level, logger, message, the request and any traceback.

    Only the fields named here are written: never the request object, its query string,
    headers or the user's name, so no personal data reaches the log.
    """

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update(current_request.get() or {})
        for field in RECORD_FIELDS:
            value = getattr(record, field, None)
            if value is not None:
                line[field] = value
        if record.exc_info:
            line["traceback"] = self.formatException(record.exc_info)
        elif record.stack_info:
            line["traceback"] = self.formatStack(record.stack_info)
        return json.dumps(line, ensure_ascii=False, default=str)
