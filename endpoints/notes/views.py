"""Notes written on the pages: add, edit, delete (htmx or plain forms), and the notes page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from endpoints import selectors
from endpoints.reference.responses import MAIN_TARGET, page

from .forms import NoteForm
from .sections import NOTES_TARGET, notes_context
from .services import note_can_edit, note_create, note_delete, note_update

NOTES_PER_PAGE = 50


@require_safe
def note_list(request):
    """Every note, newest first, filterable by SDK service and author."""
    service, author = request.GET.get("service", "")[:50], request.GET.get("author", "")[:150]
    services, authors = selectors.note_filter_choices()
    notes = Paginator(selectors.note_list(service=service, author=author), NOTES_PER_PAGE)
    context = {
        "notes": notes.get_page(request.GET.get("page")),
        "services": services,
        "authors": authors,
        "service": service,
        "author": author,
    }
    return page(request, "notes/note_list.html", context, partials={MAIN_TARGET: "notes/_note_list.html"})


@login_required
@require_POST
def note_add(request, kind: str, pk: int):
    """Save a new note on an endpoint or channel page; htmx gets the notes section back, others the page."""
    item = selectors.catalogue_item_get_or_none(kind=kind, pk=pk)
    if item is None:
        raise Http404(f"There is no catalogued {kind} {pk} to write a note on.")
    form = NoteForm(request.POST)
    if form.is_valid():
        note_create(user=request.user, text=form.cleaned_data["text"], **{kind: item})
        form = NoteForm()
    elif not request.htmx:
        context = {"form": form, "item": item, "kind": kind}
        return TemplateResponse(request, "notes/note_form_page.html", context, status=400)
    return _section_or_redirect(request, selectors.catalogue_item_get_or_none(kind=kind, pk=pk), form)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def note_edit(request, pk: int):
    """Edit one's own note (staff: any note) on a page of its own, which works without JavaScript."""
    note = _editable_note(request, pk)
    form = NoteForm(request.POST or None, initial={"text": note.text})
    if request.method == "POST" and form.is_valid():
        note_update(note=note, text=form.cleaned_data["text"])
        return HttpResponseRedirect(f"{note.item.get_absolute_url()}#note-{note.pk}")
    status = 400 if request.method == "POST" else 200
    return page(request, "notes/note_edit.html", {"form": form, "note": note},
                partials={MAIN_TARGET: "notes/_note_edit.html"}, status=status)  # fmt: skip


@login_required
@require_POST
def note_delete_view(request, pk: int):
    """Delete one's own note (staff: any note)."""
    note = _editable_note(request, pk)
    item = note.item
    note_delete(note=note)
    kind = "endpoint" if note.endpoint_id else "channel"
    return _section_or_redirect(request, selectors.catalogue_item_get_or_none(kind=kind, pk=item.pk), NoteForm())


def _editable_note(request, pk: int):
    note = selectors.note_get_or_none(pk=pk)
    if note is None:
        raise Http404(f"There is no note {pk}.")
    if not note_can_edit(user=request.user, note=note):
        raise PermissionDenied("Only the note's author or staff can change or delete it.")
    return note


def _section_or_redirect(request, item, form: NoteForm):
    if request.htmx and request.htmx.target == NOTES_TARGET:
        return TemplateResponse(request, "notes/_notes.html", notes_context(request, item, form))
    return HttpResponseRedirect(f"{item.get_absolute_url()}#{NOTES_TARGET}")
