"""The admin login is throttled by django-axes: repeated failures lock an address out for a while."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import User

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "the-right-password-7f3a"


@pytest.fixture
def admin_user(db):
    return User.objects.create_superuser("admin", "admin@example.com", PASSWORD)


def sign_in(client, password, address="203.0.113.7"):
    return client.post(LOGIN, {"username": "admin", "password": password}, REMOTE_ADDR=address)


def test_the_right_password_signs_in(client, admin_user):
    """Below the limit the admin login works as Django's does."""
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_too_many_failures_lock_the_address_out_even_with_the_right_password(client, admin_user):
    """After the limit, the address gets 429 and a message saying when to retry; the password no longer helps."""
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "guess").status_code == 200  # the login form again, with its error
    locked = sign_in(client, "guess")
    assert locked.status_code == 429
    assert f"Try again in {settings.AXES_COOLOFF_MINUTES} minutes" in locked.content.decode()
    assert sign_in(client, PASSWORD).status_code == 429
    assert "sessionid" not in client.cookies or not client.cookies["sessionid"].value


def test_another_address_is_not_locked_out(client, admin_user):
    """The lockout is per address: the admin can still sign in from elsewhere."""
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "guess")
    assert sign_in(client, PASSWORD, address="198.51.100.9").status_code == 302


def test_the_lockout_ends_after_the_cool_off(client, admin_user):
    """Once the cool-off has passed, the right password signs in again."""
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "guess")
    assert sign_in(client, PASSWORD).status_code == 429
    earlier = settings.AXES_COOLOFF_TIME + timedelta(minutes=1)
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= earlier
        attempt.save()
    assert sign_in(client, PASSWORD).status_code == 302


def test_a_success_clears_earlier_failures(client, admin_user):
    """Failures before a successful sign-in do not count towards the next lockout."""
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "guess")
    assert sign_in(client, PASSWORD).status_code == 302
    client.logout()
    assert sign_in(client, "guess").status_code == 200


def test_behind_a_proxy_one_client_failing_does_not_lock_out_the_others(client, admin_user, settings):
    """Every request comes from the proxy's address; the lockout counts the client's, which the proxy appends."""
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"

    def through_proxy(password, address):
        return client.post(LOGIN, {"username": "admin", "password": password}, REMOTE_ADDR="127.0.0.1",
                           HTTP_X_FORWARDED_FOR=address)  # fmt: skip

    for _ in range(settings.AXES_FAILURE_LIMIT):
        through_proxy("guess", "203.0.113.7")
    assert through_proxy(PASSWORD, "203.0.113.7").status_code == 429
    assert through_proxy(PASSWORD, "198.51.100.9").status_code == 302
