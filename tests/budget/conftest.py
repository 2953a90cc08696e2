from tests.team_servers import team_deployment  # noqa: F401 - two gunicorn app servers on PostgreSQL and Redis
from tests.try_it.conftest import upstream  # noqa: F401 - the app pointed at the sandbox
