import pytest

from endpoints.models import Endpoint

PASSWORD = "a-long-password-1"


@pytest.fixture
def add_order(catalogue):
    return Endpoint.objects.get(domain="spot", method="POST", path="/api/v1/hf/orders")


@pytest.fixture
def member(django_user_model):
    return django_user_model.objects.create_user("mia", "mia@example.com", PASSWORD)


@pytest.fixture
def other_member(django_user_model):
    return django_user_model.objects.create_user("otto", "otto@example.com", PASSWORD)


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("sam", "sam@example.com", PASSWORD, is_staff=True)


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client
