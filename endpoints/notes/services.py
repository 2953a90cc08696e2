"""Write team notes: create, edit, delete, and who may do which. Syncs and imports never call these."""

from __future__ import annotations

from endpoints.models import Channel, Endpoint, Note

MAX_NOTE_LENGTH = 20_000


def note_can_edit(*, user, note: Note) -> bool:
    """Members edit and delete their own notes; staff any."""
    if not user.is_authenticated:
        return False
    return user.is_staff or (note.user_id is not None and note.user_id == user.pk)


def note_create(*, user, text: str, endpoint: Endpoint | None = None, channel: Channel | None = None) -> Note:
    """Save a member's note on one endpoint or one channel, signed with their user name."""
    return Note.objects.create(endpoint=endpoint, channel=channel, text=text, user=user, author=user.get_username())


def note_update(*, note: Note, text: str) -> Note:
    note.text = text
    note.save(update_fields=["text", "updated_at"])
    return note


def note_delete(*, note: Note) -> None:
    note.delete()
