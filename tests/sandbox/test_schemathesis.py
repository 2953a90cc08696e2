"""schemathesis runs our per-host OpenAPI documents against the sandbox, signing each request in a requests auth hook.

Every operation of every host, a few generated cases each (bounded: hypothesis' max_examples),
checked with schemathesis' own checks: no server error, status code, content type and response
schema as documented.
"""

import time

import pytest
import requests
import schemathesis
from django.test import Client
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi import checks

from endpoints.kucoin import signing
from endpoints.models import Endpoint
from endpoints.sync import catalogue_sync

pytestmark = pytest.mark.real_client
DOMAINS = ("spot", "futures", "broker")
# ignored_auth: our hook signs every request for real, replacing the invalid credentials the check
# sends. positive_data_acceptance: KuCoin, like the sandbox, refuses schema-valid requests for
# orders that do not exist or sides its schema leaves open; its answer fits the documented error.
EXCLUDED = [checks.ignored_auth, checks.positive_data_acceptance]


class KucoinSigning(requests.auth.AuthBase):
    """Sign the prepared request as KuCoin wants it; the sandbox's /spot-style prefix is not part of the signed path."""

    def __init__(self, sandbox, domain: str):
        self.key = signing.ApiKey(sandbox.key, sandbox.secret, sandbox.passphrase, "3")
        self.broker = signing.BrokerKey(sandbox.broker_partner, sandbox.broker_name, sandbox.broker_key)
        self.domain = domain

    def __call__(self, request):
        target = requests.utils.unquote(request.path_url).removeprefix(f"/{self.domain}")
        body = request.body.decode() if isinstance(request.body, bytes) else request.body or ""
        broker = self.broker if self.domain == "broker" else None
        request.headers.update(
            signing.auth_headers(self.key, int(time.time() * 1000), request.method, target, body, broker)
        )
        return request


@pytest.fixture(scope="session")
def host_documents(django_db_setup, django_db_blocker, sdk_catalogue):
    with django_db_blocker.unblock():
        catalogue_loaded(sdk_catalogue)
        return {domain: Client().get(f"/openapi/domains/{domain}.json").json() for domain in DOMAINS}


@pytest.fixture(scope="session")
def all_hosts_schema(host_documents):
    """One schema holding every host's operations, each tagged with its host in `x-domain`."""
    merged = dict(host_documents["spot"])
    merged["paths"] = {}
    for domain in DOMAINS:
        for path, item in host_documents[domain]["paths"].items():
            merged["paths"][f"/{domain}{path}"] = item
    merged["components"] = host_documents["broker"]["components"] | host_documents["spot"]["components"]
    return schemathesis.openapi.from_dict(merged)


def test_every_operation_holds_to_its_documented_contract(all_hosts_schema, sandbox):
    """Generated requests, signed, get answers that fit the documented status codes and schemas: 0 failures."""
    quotas = dict(sandbox.limiter.quotas)
    for pool in (*quotas, "Unified"):
        sandbox.limiter.set_quota(pool, 10**9)  # quotas are not what is tested here
    try:
        failures, operations = contract_run(all_hosts_schema, sandbox)
    finally:
        sandbox.limiter.quotas = quotas
        sandbox.limiter.reset()
    assert operations > 300
    assert failures == [], "\n".join(failures[:30]) + f"\n({len(failures)} operations failed)"


def contract_run(all_hosts_schema, sandbox) -> tuple[list[str], int]:
    """Run every operation's generated cases; the failures found and how many operations ran."""
    sessions = {domain: requests.Session() for domain in DOMAINS}
    for domain, session in sessions.items():
        session.auth = KucoinSigning(sandbox, domain)
    failures, operations = [], 0
    for result in all_hosts_schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @given(case=operation.as_strategy())
        # derandomize: the same generated cases every run, so a failure reproduces and a pass stays one.
        @settings(
            max_examples=3, deadline=None, suppress_health_check=list(HealthCheck), database=None, derandomize=True
        )
        def contract(case):
            session = sessions[case.path.split("/")[1]]
            case.call_and_validate(base_url=sandbox.url, session=session, timeout=5, excluded_checks=EXCLUDED)

        try:
            contract()
        except (Exception, BaseExceptionGroup) as failure:  # every check failure is reported together
            failures.append(f"{operation.label}: {str(failure)[:300]}")
    return failures, operations


def catalogue_loaded(sdk_catalogue) -> None:
    """A transactional test before us may have emptied the tables: load the catalogue again."""
    if not Endpoint.objects.exists():
        catalogue_sync(sdk_catalogue)
