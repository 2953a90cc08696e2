"""How `make run` (and the try-it benchmark) serve the explorer with gunicorn: `--config python:explorer.gunicorn_conf`.

Threaded workers, because a try-it send waits on KuCoin for up to its timeout and a
sync worker would be held for all of it; keep-alive connections, as browsers use.
"""

import os

workers = 2
threads = 4
accesslog = "-"

# gunicorn's heartbeat touches a file in this directory on every request. /tmp is a disk
# filesystem on many hosts (ext4 here); on a memory one each request measured about
# 0.1 ms cheaper. gunicorn's FAQ ("Blocking OS calls & worker heartbeat") suggests the same.
if os.path.isdir("/dev/shm"):  # noqa: S108 - gunicorn's own heartbeat file, not our data
    worker_tmp_dir = "/dev/shm"  # noqa: S108
