"""Admin for curating the catalogue.

Catalogue fields come from the SDK and the spec and a sync would overwrite any
edit, so they are read-only here; notes are the team's own and always editable.
"""

from django.contrib import admin

from .models import Channel, Endpoint, Note, Parameter, SyncRun


class NoteInline(admin.TabularInline):
    model = Note
    extra = 1
    fields = ["text", "author", "created_at"]
    readonly_fields = ["created_at"]


class ParameterInline(admin.TabularInline):
    model = Parameter
    extra = 0
    can_delete = False
    fields = ["name", "location", "type", "required", "enum_values", "default", "description"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class ReadOnlyCatalogueAdmin(admin.ModelAdmin):
    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_formset(self, request, form, formset, change):
        for note in formset.save(commit=False):
            if isinstance(note, Note) and not note.author:
                note.author = request.user.get_username()
            note.save()
        for deleted in formset.deleted_objects:
            deleted.delete()


@admin.register(Endpoint)
class EndpointAdmin(ReadOnlyCatalogueAdmin):
    list_display = ["method", "path", "domain", "summary", "sdk_service", "sdk_sub_service", "api_channel",
                    "rate_limit_pool", "rate_limit_weight", "deprecated", "retired_at"]  # fmt: skip
    list_filter = ["domain", "sdk_service", "api_channel", "api_permission", "rate_limit_pool", "deprecated",
                   "metadata_published", ("retired_at", admin.EmptyFieldListFilter)]  # fmt: skip
    search_fields = ["path", "summary", "sdk_method_name"]
    inlines = [NoteInline, ParameterInline]


@admin.register(Channel)
class ChannelAdmin(ReadOnlyCatalogueAdmin):
    list_display = ["topic", "sdk_service", "sdk_sub_service", "api_channel", "push_frequency", "retired_at"]
    list_filter = ["sdk_service", "api_channel"]
    search_fields = ["topic", "summary", "sdk_method_name"]
    inlines = [NoteInline]


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    list_display = ["__str__", "endpoint", "channel", "author", "created_at"]
    search_fields = ["text", "author"]
    # Picked by searching path, summary or method name (the endpoint and channel admins' search_fields).
    autocomplete_fields = ["endpoint", "channel"]
    exclude = ["user"]

    def save_model(self, request, obj, form, change):
        if not obj.author:
            obj.author = request.user.get_username()
        if not change:
            obj.user = request.user
        super().save_model(request, obj, form, change)


@admin.register(SyncRun)
class SyncRunAdmin(admin.ModelAdmin):
    list_display = ["finished_at", "source", "sdk_version", "created", "updated", "retired", "unchanged"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
