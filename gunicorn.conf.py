"""gunicorn reads this file from the working directory: its own log lines (start, workers,
timeouts) as JSON on stdout, in the same form as the app's (porsgrunn_site/jsonlogg.py)."""

logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "porsgrunn_site.jsonlogg.JsonFormatter"}},
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}
    },
    "root": {"level": "INFO", "handlers": ["stdout"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": [], "propagate": True},
        # The app logs every request itself (kanalregister.request), without the query string.
        "gunicorn.access": {"level": "WARNING", "handlers": [], "propagate": True},
    },
}
