"""How `make run` (and the try-it benchmark) serve the explorer with gunicorn: `--config python:explorer.gunicorn_conf`.

Threaded workers, because a try-it send waits on KuCoin for up to its timeout and a
sync worker would be held for all of it; keep-alive connections, as browsers use.
"""

import os

workers = 2
threads = 4
_PRODUCTION = os.environ.get("DJANGO_ENV", "").strip().lower() == "production"
JSON_LOGS = os.environ.get("DJANGO_LOG_FORMAT", "json" if _PRODUCTION else "text").strip().lower() == "json"
# In production (DJANGO_LOG_FORMAT=json) the app writes one JSON line per request itself, with its
# request id, and gunicorn's own lines are JSON too, so every line of the log parses.
accesslog = None if JSON_LOGS else "-"
if JSON_LOGS:
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
                "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            }
        },
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}},
        "root": {"level": "INFO", "handlers": ["console"]},
        "loggers": {"gunicorn.error": {"level": "INFO", "handlers": ["console"], "propagate": False}},
    }

# gunicorn's heartbeat touches a file in this directory on every request. /tmp is a disk
# filesystem on many hosts (ext4 here); on a memory one each request measured about
# 0.1 ms cheaper. gunicorn's FAQ ("Blocking OS calls & worker heartbeat") suggests the same.
if os.path.isdir("/dev/shm"):  # noqa: S108 - gunicorn's own heartbeat file, not our data
    worker_tmp_dir = "/dev/shm"  # noqa: S108
