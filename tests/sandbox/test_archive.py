"""The sandbox's archive: a listing, daily zips with MD5 checksum files, and two ways to spoil them."""

import hashlib
import io
import zipfile

import pytest
import requests

pytestmark = pytest.mark.django_db
FOLDER = "data/spot/daily/klines/BTCUSDT/1h/"
ZIP = FOLDER + "BTCUSDT-1h-2025-03-01.zip"


def md5(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


@pytest.fixture
def archive(fresh_sandbox):
    yield f"{fresh_sandbox.url}/archive"
    requests.delete(f"{fresh_sandbox.url}/archive/faults", timeout=5)


def test_listing_names_each_day_with_its_checksum(archive):
    """The listing holds a zip and a .CHECKSUM per day from the archive's first day."""
    files = requests.get(f"{archive}/list/{FOLDER}", timeout=5).json()["files"]
    assert files[:2] == ["BTCUSDT-1h-2024-01-01.zip", "BTCUSDT-1h-2024-01-01.zip.CHECKSUM"]
    assert "BTCUSDT-1h-2025-03-01.zip.CHECKSUM" in files


def test_zip_matches_its_checksum_and_holds_a_days_candles(archive):
    """The zip's MD5 is the one its .CHECKSUM names, and it holds one CSV of 24 hourly candles."""
    data = requests.get(f"{archive}/{ZIP}", timeout=5).content
    checksum = requests.get(f"{archive}/{ZIP}.CHECKSUM", timeout=5).text
    assert checksum == f"{md5(data)}  BTCUSDT-1h-2025-03-01.zip\n"
    with zipfile.ZipFile(io.BytesIO(data)) as opened:
        lines = opened.read(opened.namelist()[0]).decode().splitlines()
    assert lines[0] == "time,open,close,high,low,volume,turnover" and len(lines) == 25
    assert requests.get(f"{archive}/{ZIP}", timeout=5).content == data


def test_archive_spells_futures_btc_not_xbt(archive):
    """Futures' XBTUSDTM is BTCUSDTM in the archive; the XBT spelling is not there."""
    assert requests.get(f"{archive}/list/data/futures/daily/trades/BTCUSDTM/", timeout=5).status_code == 200
    assert requests.get(f"{archive}/list/data/futures/daily/trades/XBTUSDTM/", timeout=5).status_code == 404


def test_switches_spoil_the_zip_or_the_checksum(archive):
    """corrupt_zip serves a broken zip (its checksum matching), bad_checksum a wrong MD5."""
    good = requests.get(f"{archive}/{ZIP}", timeout=5).content
    requests.post(f"{archive}/faults", json={"corrupt_zip": True}, timeout=5)
    broken = requests.get(f"{archive}/{ZIP}", timeout=5).content
    assert broken != good and md5(broken) in requests.get(f"{archive}/{ZIP}.CHECKSUM", timeout=5).text
    requests.post(f"{archive}/faults", json={"bad_checksum": True}, timeout=5)
    assert md5(good) not in requests.get(f"{archive}/{ZIP}.CHECKSUM", timeout=5).text


def test_days_not_held_are_404(archive):
    """A day before the archive's first, or an interval it lacks, is not found."""
    assert requests.get(f"{archive}/{FOLDER}BTCUSDT-1h-2023-12-31.zip", timeout=5).status_code == 404
    assert requests.get(f"{archive}/list/data/spot/daily/klines/BTCUSDT/3m/", timeout=5).status_code == 404
