"""How `make run` (and the try-it benchmark) serve the explorer with gunicorn: `--config python:explorer.gunicorn_conf`.

Threaded workers, because a try-it send waits on KuCoin for up to its timeout and a
sync worker would be held for all of it; keep-alive connections, as browsers use.
"""

import os
import tempfile

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

# gunicorn 25.1+ opens a control socket for `gunicornc`, by default at one path per user
# ($XDG_RUNTIME_DIR/gunicorn.ctl or ~/.gunicorn/gunicorn.ctl). A second instance (a bench
# run beside `make run`) took the path over, and stopping either removed the other's. Each
# instance gets its own, named by its master's pid (this file is read in the master), or
# GUNICORN_CONTROL_SOCKET names one; "none" turns it off.
_control = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
if _control.lower() == "none":
    control_socket_disable = True
else:
    _runtime_dir = os.environ.get("XDG_RUNTIME_DIR", "")
    if not os.path.isdir(_runtime_dir):
        _runtime_dir = tempfile.gettempdir()
    control_socket = _control or os.path.join(_runtime_dir, f"kucoin-explorer-gunicorn-{os.getpid()}.ctl")
