"""Each gunicorn instance started with our config has its own control socket, or none."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import PROJECT_DIR

pytestmark = pytest.mark.real_client  # runs gunicorn and gunicornc themselves

GUNICORN = Path(sys.executable).with_name("gunicorn")
GUNICORNC = Path(sys.executable).with_name("gunicornc")


@pytest.fixture
def start_gunicorn(tmp_path):
    """Start gunicorn as `make run` does (one worker, a free port); every instance is stopped afterwards."""
    started = []

    def start(**env) -> subprocess.Popen:
        log = open(tmp_path / f"gunicorn-{len(started)}.log", "w+")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(
            [str(GUNICORN), "explorer.wsgi", "--config", "python:explorer.gunicorn_conf"]
            + ["--bind", "127.0.0.1:0", "--workers", "1"],
            cwd=PROJECT_DIR,
            env={**os.environ, "XDG_RUNTIME_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path}/db", **env},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        started.append((process, log))
        wait_for(lambda: "Booting worker" in Path(log.name).read_text(), f"gunicorn {process.pid} to boot")
        return process

    yield start
    for process, log in started:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=30)
        log.close()


def wait_for(condition, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def socket_of(tmp_path: Path, process: subprocess.Popen) -> Path:
    return tmp_path / f"kucoin-explorer-gunicorn-{process.pid}.ctl"


def answers(socket: Path) -> bool:
    result = subprocess.run([str(GUNICORNC), "-s", str(socket), "-c", "show workers", "-j"], capture_output=True)
    return result.returncode == 0 and b"pid" in result.stdout


def test_two_instances_have_their_own_sockets_and_stopping_one_keeps_the_other(start_gunicorn, tmp_path):
    """Two instances: two sockets; stopping the first removes only its own, and the second still answers."""
    first, second = start_gunicorn(), start_gunicorn()
    first_socket, second_socket = socket_of(tmp_path, first), socket_of(tmp_path, second)
    wait_for(lambda: first_socket.exists() and second_socket.exists(), "both control sockets")
    assert not (tmp_path / "gunicorn.ctl").exists()  # gunicorn's shared default is not used
    assert answers(first_socket) and answers(second_socket)
    first.terminate()
    first.wait(timeout=30)
    assert not first_socket.exists()
    assert second_socket.exists() and answers(second_socket)


def test_the_control_socket_can_be_named_or_turned_off(start_gunicorn, tmp_path):
    """GUNICORN_CONTROL_SOCKET picks the path; "none" opens no control socket at all."""
    named = tmp_path / "named.ctl"
    start_gunicorn(GUNICORN_CONTROL_SOCKET=str(named))
    wait_for(named.exists, "the named control socket")
    quiet = start_gunicorn(GUNICORN_CONTROL_SOCKET="none")
    time.sleep(1)  # give a socket that should not exist the time to appear
    assert not socket_of(tmp_path, quiet).exists() and not (tmp_path / "gunicorn.ctl").exists()
