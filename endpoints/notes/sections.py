"""The notes section an endpoint or channel page shows, shared by the page and the note views."""

from __future__ import annotations

from dataclasses import dataclass

from endpoints.models import Channel, Endpoint, Note

from .forms import NoteForm
from .services import note_can_edit

# The element the section lives in; htmx swaps it whole after a note is added or deleted.
NOTES_TARGET = "notes"


@dataclass(frozen=True)
class ShownNote:
    note: Note
    can_edit: bool


def notes_context(request, item: Endpoint | Channel, form: NoteForm | None = None) -> dict:
    """What `notes/_notes.html` needs: the item's notes with who may change them, and the form."""
    user = request.user
    return {
        "item": item,
        "kind": "endpoint" if isinstance(item, Endpoint) else "channel",
        "shown_notes": [ShownNote(note, note_can_edit(user=user, note=note)) for note in item.notes.all()],
        "note_form": form or NoteForm(),
        "request": request,
        "user": user,
        "notes_target": NOTES_TARGET,
    }
