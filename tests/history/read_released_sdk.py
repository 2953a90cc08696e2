"""Read an unpacked release of the official SDK with our own reader, in a process of its own.

Run as `python -m tests.history.read_released_sdk UNPACKED_DIR OUT.pickle`: the
unpacked wheel goes first on sys.path, so `kucoin_universal_sdk` and its version metadata
come from it rather than from the SDK installed in the venv.
"""

import os
import pickle
import sys


def main() -> None:
    unpacked, out = sys.argv[1], sys.argv[2]
    sys.path.insert(0, unpacked)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "explorer.settings")
    import django

    django.setup()
    from endpoints.sources.kucoin_sdk import read_sdk

    with open(out, "wb") as handle:
        pickle.dump(read_sdk(), handle)


if __name__ == "__main__":
    main()
