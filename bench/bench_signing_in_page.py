"""Signing in the page: the two-step send (prepare, sign, relay) against today's one-step send. Prints; asserts nothing.

End to end on loopback, as `make run` serves: requests -> gunicorn (2 workers, in-process cache) ->
the view -> the sandbox (`manage.py kucoin_sandbox`, its own process). The one-step send posts the
secret and the server signs; the two-step send posts the form to prepare, signs what comes back
(here with the Python signer, which stands in for the page's WebCrypto: both take microseconds),
and posts the key and signatures to the relay. Rounds alternate, so host load drifts into both.
"""

import os

from bench_try_it import paired, start_app
from common import free_port, measure_against_sandbox, percentiles, row

ROUNDS = 400
ACCOUNTS = "account/account/get-spot-account-list"
ADD_ORDER = "spot/order/add-order"
ORDER = '{"symbol":"BTC-USDT","side":"buy","type":"limit","price":"1","size":"0.001"}'


def main() -> None:
    # the per-client rate limit would refuse most rounds
    measure_against_sandbox(measure, TRY_IT_RATE="1000000/m")


def senders(app: str, browser, demo: dict, slug: str, fields: dict):
    """The one-step send and the two-step send of the same request, each a callable that checks 200000."""
    from endpoints.kucoin import signing

    headers = {"X-CSRFToken": browser.cookies["csrftoken"], "HX-Request": "true"}
    key = {"api_key": demo["key"], "api_key_version": "3"}

    def one_step():
        secrets = {"api_secret": demo["secret"], "api_passphrase": demo["passphrase"]}
        answer = browser.post(f"{app}/try-it/send/{slug}", data=fields | key | secrets, headers=headers)
        assert "code 200000" in answer.text, answer.text[:300]

    def two_step():
        held = {"secrets_in_page": "api_secret,api_passphrase"}
        sign = browser.post(f"{app}/try-it/prepare/{slug}", data=fields | key | held, headers=headers).json()
        signed = {
            "prepared": sign["prepared"],
            "sign": signing.request_signature(
                demo["secret"], sign["timestamp"], sign["method"], sign["path"], sign["body"]
            ),
            "passphrase_sign": signing.passphrase_signature(demo["secret"], demo["passphrase"]),
        }
        answer = browser.post(f"{app}/try-it/send-prepared/{slug}", data=fields | key | signed, headers=headers)
        assert "code 200000" in answer.text, answer.text[:300]

    return one_step, two_step


def measure(port: int) -> None:
    from django.conf import settings

    demo = settings.KUCOIN_SANDBOX_CREDENTIALS
    print(f"Our code only (the views called in process, no HTTP hop to the app); load {load():.2f}")
    for label, slug, fields in (
        ("private GET", ACCOUNTS, {"p_currency": "USDT"}),
        ("private POST", ADD_ORDER, {"body": ORDER}),
    ):
        one, two, differences = paired(*in_process_senders(demo, slug, fields), rounds=ROUNDS)
        report(label, one, two, differences)
        one_calls, two_calls = (python_calls(send) for send in in_process_senders(demo, slug, fields))
        row(f"{label}: Python calls per send (cProfile)", f"one-step {one_calls:,}, two-step {two_calls:,}")
    from django.test import Client

    client = Client()
    floor = paired(lambda: None, lambda: client.get(f"/try-it/{ACCOUNTS}"))[1]
    row("floor: one more request through the middleware", percentiles(floor))
    end_to_end(port, demo)


def python_calls(send, rounds: int = 50) -> int:
    """Function calls per send, counted by cProfile: a figure the host's load does not move."""
    import cProfile
    import pstats

    send()
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(rounds):
        send()
    profile.disable()
    return pstats.Stats(profile).total_calls // rounds


def report(label: str, one: list[float], two: list[float], differences: list[float]) -> None:
    row(f"{label}: one-step (secret posted)", percentiles(one))
    row(f"{label}: two-step (signed in the page)", percentiles(two))
    ordered = sorted(differences)
    row(f"{label}: overhead (p50 of paired diffs)", f"{ordered[len(ordered) // 2]:.2f} ms", "< 2 ms")


def in_process_senders(demo: dict, slug: str, fields: dict):
    """The same two sends through the Django test client: the full middleware stack, no socket to the app."""
    from django.test import Client

    client = Client()

    class Session:  # what `senders` needs of a requests.Session, over the test client
        cookies = {"csrftoken": ""}

        @staticmethod
        def post(url, data, headers):
            response = client.post(url.removeprefix("http://app"), data, headers=headers)
            response.text = response.content.decode()
            return response

    return senders("http://app", Session, demo, slug, fields)


def end_to_end(port: int, demo: dict) -> None:
    import requests

    app_port = free_port()
    server = start_app(port, app_port)
    app = f"http://127.0.0.1:{app_port}"
    try:
        browser = requests.Session()
        browser.get(f"{app}/reference/{ACCOUNTS}")  # the CSRF cookie, as a browser gets it
        print(f"Two-step (prepare, sign in the page, relay) vs one-step send through gunicorn; load {load():.2f}")
        for label, slug, fields in (
            ("private GET", ACCOUNTS, {"p_currency": "USDT"}),
            ("private POST", ADD_ORDER, {"body": ORDER}),
        ):
            report(label, *paired(*senders(app, browser, demo, slug, fields), rounds=ROUNDS))
        floor = paired(lambda: None, lambda: browser.get(f"{app}/try-it/{ACCOUNTS}", allow_redirects=False))[1]
        row("floor: one more HTTP round trip to gunicorn", percentiles(floor))
        print(f"load after: {load():.2f}")
    finally:
        server.terminate()
        server.wait(5)


def load() -> float:
    return os.getloadavg()[0]


if __name__ == "__main__":
    main()
