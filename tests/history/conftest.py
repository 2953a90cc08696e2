import pickle
import subprocess
import sys
import zipfile

import pytest

from tests.conftest import PROJECT_DIR

# An older release than the pinned one: between the two KuCoin changed weights, permissions,
# enums and types, and added endpoints (UTA routes among them).
OLDER_SDK = "1.2.0"


@pytest.fixture(scope="session")
def older_sdk_catalogue(tmp_path_factory):
    """The catalogue of an older official SDK release, downloaded from PyPI and read by introspection."""
    where = tmp_path_factory.mktemp("older-sdk")
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:", "--dest",
         str(where), f"kucoin-universal-sdk=={OLDER_SDK}"], check=True, timeout=300,
    )  # fmt: skip
    wheel = next(where.glob("kucoin_universal_sdk-*.whl"))
    unpacked = where / "unpacked"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(unpacked)
    out = where / "catalogue.pickle"
    subprocess.run(
        [sys.executable, "-m", "tests.history.read_released_sdk", str(unpacked), str(out)],
        check=True, cwd=PROJECT_DIR, timeout=300,
    )  # fmt: skip
    with open(out, "rb") as handle:
        catalogue = pickle.load(handle)  # noqa: S301 - our own subprocess wrote it a moment ago
    assert catalogue.sdk_version == OLDER_SDK
    return catalogue
