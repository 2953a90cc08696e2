"""The note form: Markdown text, checked for length and emptiness."""

from django import forms

from .services import MAX_NOTE_LENGTH


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Note (Markdown)",
        max_length=MAX_NOTE_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "What the team should know about this call…"}),
        error_messages={"required": "Write something first: the note is empty."},
    )
