"""What the catalogue commands say when a source is bad or the database refuses a write."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.management.base import CommandError
from django.db import DatabaseError

from endpoints.sources.records import SourceError


@contextmanager
def nothing_changed_on_error() -> Iterator[None]:
    """Turn a bad source or a refused write into one CommandError that says nothing was changed.

    Every write happens inside `catalogue_sync`'s transaction, so either error
    leaves the catalogue exactly as it was, which the message promises.
    """
    try:
        yield
    except SourceError as error:
        raise CommandError(f"{error}\nNothing was changed.") from error
    except DatabaseError as error:
        if "database is locked" in str(error) or "database table is locked" in str(error):
            raise CommandError(
                "Another process is writing to the SQLite database (SQLite lets one writer in at a time). "
                "Wait for it to finish, then run this again.\nNothing was changed."
            ) from error
        raise CommandError(
            f"The database refused the import ({error}). Did you run `python manage.py migrate`?\nNothing was changed."
        ) from error
