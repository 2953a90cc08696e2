"""`python -m tests.services postgres|redis`: exit 0 when the local service answers."""

import socket
import sys

SERVICES = {"postgres": ("127.0.0.1", 5432), "redis": ("127.0.0.1", 6379)}


def reachable(name: str) -> bool:
    try:
        with socket.create_connection(SERVICES[name], timeout=2):
            return True
    except OSError:
        return False


if __name__ == "__main__":
    sys.exit(0 if reachable(sys.argv[1]) else 1)
