"""The search form: Service offers only the services of the chosen domain; empty filters leave the URL."""

import re

from endpoints.models import Endpoint

HTMX_RESULTS = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "search-results"}


def _service_options(html: str) -> set[str]:
    select = re.search(r'<select name="service" id="id_service"[^>]*>(.*?)</select>', html, re.S)
    assert select
    return set(re.findall(r'<option value="([^"]+)"', select.group(1)))


def test_choosing_a_domain_narrows_the_service_options_to_that_domain(client, catalogue):
    """With domain=futures the Service list holds exactly the services with live futures endpoints."""
    futures = set(
        Endpoint.objects.filter(domain="futures", retired_at__isnull=True).values_list("sdk_service", flat=True)
    )
    everything = _service_options(client.get("/search?q=order").content.decode())
    narrowed = _service_options(client.get("/search?q=order&domain=futures").content.decode())
    assert narrowed == futures
    assert narrowed < everything


def test_an_htmx_filter_change_swaps_in_the_narrowed_service_list(client, catalogue):
    """The results fragment carries the Service select out of band, so htmx narrows it too."""
    html = client.get("/search?domain=spot", **HTMX_RESULTS).content.decode()
    assert 'id="id_service" hx-swap-oob="true"' in html
    assert "Futures" not in _service_options(html)


def test_a_submit_with_empty_filters_redirects_to_the_filters_that_are_set(client, catalogue):
    """`?q=x&domain=&service=&api_channel=public` redirects to `?q=x&api_channel=public`."""
    response = client.get("/search?q=x&domain=&service=&api_channel=public&page=")
    assert response.status_code == 302
    assert response["Location"] == "/search?q=x&api_channel=public"
    assert client.get("/search?q=&domain=")["Location"] == "/search"


def test_forms_share_their_choices_yet_a_narrowed_list_stays_with_its_own_form(catalogue):
    """The choices are not copied for each form, and narrowing one form's services leaves the next form's whole."""
    from endpoints.reference.forms import SearchForm

    whole, narrowed, after = SearchForm({}), SearchForm({"domain": "futures"}), SearchForm({})
    assert whole.fields["domain"].choices is SearchForm.base_fields["domain"].choices
    assert len(list(narrowed.fields["service"].choices)) < len(list(after.fields["service"].choices))
    assert list(after.fields["service"].choices) == list(whole.fields["service"].choices)
    assert narrowed.fields["deprecated"].clean("yes") is True and narrowed.is_valid()
