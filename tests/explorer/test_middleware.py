"""REQUIRE_LOGIN makes every page ask for sign-in; without it reading is open."""

import pytest

PAGES = ["/", "/reference/spot/order/add-order", "/reference/spot/order/add-order.md", "/notes", "/changes",
         "/search?q=orders", "/openapi.json", "/llms-full.txt"]  # fmt: skip


@pytest.mark.parametrize("url", PAGES)
def test_reading_is_open_by_default(client, catalogue, url):
    """Pages, twins, exports, notes and changes answer without sign-in when REQUIRE_LOGIN is off."""
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", PAGES)
def test_require_login_sends_readers_to_sign_in(client, catalogue, settings, url):
    """With REQUIRE_LOGIN every page redirects to the sign-in page, keeping where the reader was going."""
    settings.REQUIRE_LOGIN = True
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_require_login_leaves_sign_in_and_health_open(client, catalogue, settings, django_user_model):
    """The sign-in page and the health check answer; after signing in, pages do too."""
    settings.REQUIRE_LOGIN = True
    assert client.get("/accounts/login/").status_code == 200
    assert client.get("/health").status_code == 200
    django_user_model.objects.create_user("mia", password="a-long-password-1")
    response = client.post("/accounts/login/", {"username": "mia", "password": "a-long-password-1", "next": "/notes"})
    assert response["Location"] == "/notes"
    assert client.get("/reference/spot/order/add-order").status_code == 200


def test_the_header_shows_sign_in_then_sign_out(client, catalogue, django_user_model):
    """Signed out the header links to sign-in; signed in it has a sign-out form (a POST) with the user name."""
    html = client.get("/").content.decode()
    assert 'href="/accounts/login/?next=/"' in html and "Sign out" not in html
    client.force_login(django_user_model.objects.create_user("mia", password="a-long-password-1"))
    html = client.get("/").content.decode()
    assert 'action="/accounts/logout/"' in html and "mia" in html
    assert client.post("/accounts/logout/").status_code == 302
    assert "Sign out" not in client.get("/").content.decode()


def test_a_wrong_password_says_so(client, catalogue, django_user_model):
    """A failed sign-in explains itself and signs nobody in."""
    django_user_model.objects.create_user("mia", password="a-long-password-1")
    response = client.post("/accounts/login/", {"username": "mia", "password": "wrong"})
    assert response.status_code == 200
    assert "do not match" in response.content.decode()
