"""With KuCoin's spec merged (real required flags), every endpoint's example passes our form and the sandbox."""

import pytest

from endpoints.kucoin import signing
from endpoints.models import Endpoint
from endpoints.sandbox.credentials import DemoCredentials
from endpoints.sandbox.routes import routes_from_catalogue
from endpoints.sandbox.server import Sandbox
from endpoints.sources.merge import overlay_spec
from endpoints.sources.openapi import read_openapi
from endpoints.sync import catalogue_sync
from endpoints.try_it import upstream
from endpoints.try_it.forms import TryItForm
from endpoints.try_it.panel import initial_data

DEMO = DemoCredentials("spec-key", "spec-secret", "spec-passphrase", "spec-partner", "SpecBroker", "spec-broker-key")


@pytest.fixture
def spec_sandbox(catalogue, sdk_catalogue, spec_dir, settings):
    """The catalogue with the spec laid over it, and a sandbox answering from that catalogue."""
    catalogue_sync(overlay_spec(sdk_catalogue, read_openapi(spec_dir)))
    server = Sandbox.start(routes_from_catalogue(), DEMO)
    settings.KUCOIN_BASE_URLS = {domain: server.domain_url(domain) for domain in ("spot", "futures", "broker")}
    yield server
    server.stop()


def test_every_example_passes_validation_and_the_sandbox(spec_sandbox):
    """Required flags from the spec: the prefilled form is valid and the sandbox accepts every request."""
    key = signing.ApiKey(DEMO.key, DEMO.secret, DEMO.passphrase)
    broker = signing.BrokerKey(DEMO.broker_partner, DEMO.broker_name, DEMO.broker_key)
    assert Endpoint.objects.filter(parameters__required=True, parameters__location="query").exists()
    failures = []
    for index, endpoint in enumerate(Endpoint.objects.filter(retired_at__isnull=True).prefetch_related("parameters")):
        if index % 150 == 0:
            spec_sandbox.reset_rate_limits()
        form = TryItForm(endpoint, data=initial_data(endpoint, {}))
        if not form.is_valid():
            failures.append(f"{endpoint.slug}: form {dict(form.errors)}")
            continue
        answer = upstream.send(upstream.build_request(endpoint, form.inputs(), key, broker))
        if b'"200000"' not in answer.body:
            failures.append(f"{endpoint.slug}: {answer.status} {answer.body[:150]!r}")
    assert not failures, f"{len(failures)} failed:\n" + "\n".join(failures[:25])
