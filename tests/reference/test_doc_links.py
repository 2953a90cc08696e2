"""Links in KuCoin's descriptions to doc pages of endpoints we have point at our own pages."""

import re

from endpoints.models import Endpoint, Parameter
from endpoints.reference.doc_links import doc_links_ours

KUCOIN_API_DOC = "https://www.kucoin.com/docs-new/api-"


def _parameter_linking_to_a_catalogued_endpoint() -> tuple[Parameter, Endpoint]:
    for parameter in Parameter.objects.filter(description__contains=KUCOIN_API_DOC).select_related("endpoint"):
        for url in re.findall(r"https://www\.kucoin\.com/docs-new/api-\d+", parameter.description):
            target = Endpoint.objects.filter(doc_url=url, retired_at__isnull=True).first()
            if target:
                return parameter, target
    raise AssertionError("the catalogue has no description linking to a page we have")


def test_a_parameter_description_links_to_our_page_not_kucoins(client, catalogue):
    """Copy trading's Add Order explains `symbol` with a link to KuCoin's Get Symbol page: it leads to ours."""
    parameter, target = _parameter_linking_to_a_catalogued_endpoint()
    html = client.get(parameter.endpoint.get_absolute_url()).content.decode()
    assert f'href="{target.get_absolute_url()}"' in html
    assert target.get_absolute_url().startswith("/reference/")
    assert f'href="{target.doc_url}"' not in html.split('class="param-desc"', 1)[1]


def test_links_to_kucoin_pages_we_do_not_have_stay(catalogue):
    """A KuCoin guide page and an api page we do not catalogue keep their KuCoin address."""
    text = "[TIF](https://www.kucoin.com/docs-new/doc-338146) and [x](https://www.kucoin.com/docs-new/api-1)"
    assert doc_links_ours(text) == text


def test_a_catalogued_doc_url_becomes_our_page_path(catalogue):
    """The rewrite maps KuCoin's doc URL of an endpoint to that endpoint's page path."""
    endpoint = Endpoint.objects.exclude(doc_url="").filter(retired_at__isnull=True).first()
    assert doc_links_ours(f"See [it]({endpoint.doc_url}).") == f"See [it]({endpoint.get_absolute_url()})."
