"""KuCoin error codes explained in our own words."""

import pytest

from endpoints.kucoin.error_codes import explain

ISSUE_CODES = [f"4000{n:02d}" for n in range(1, 13)] + ["400100", "411100", "415000", "429000", "500000"]


@pytest.mark.parametrize("code", ISSUE_CODES)
def test_every_listed_code_has_a_specific_explanation(code):
    """Each code the issue names has its own title, meaning and what to do."""
    explanation = explain(code)
    assert explanation.code == code
    assert not explanation.title.startswith("KuCoin error")
    assert explanation.meaning and explanation.fix


def test_success_needs_no_explanation():
    """200000 and a missing code explain nothing."""
    assert explain("200000") is None and explain(None) is None


def test_unknown_codes_still_get_a_plain_sentence():
    """A code we do not list gets a generic explanation naming it."""
    assert explain("987654").title == "KuCoin error 987654"
    assert explain("400302").title == "Region or KYC restriction"


def test_every_code_the_sandbox_answers_carries_kucoins_status_and_wording():
    """Codes with an HTTP status also carry KuCoin's message, so the sandbox can answer them."""
    from endpoints.kucoin.error_codes import ERROR_CODES

    answered = [error for error in ERROR_CODES.values() if error.status is not None]
    assert {"400001", "400005", "404000", "429000"} <= {error.code for error in answered}
    assert all(error.message for error in answered)
