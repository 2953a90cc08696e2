"""Machine-readable exports: OpenAPI (whole, per host, per SDK service, per endpoint), AsyncAPI, llms.txt, Postman.

Hosts and SDK services share names ("spot" is both), so each has its own folder:
/openapi/domains/spot.json is the spot host, /openapi/services/spot.json the Spot service.
"""

from django.urls import path, register_converter

from . import views


class FormatConverter:
    regex = "json|yaml"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FormatConverter, "export_format")

app_name = "exports"

urlpatterns = [
    path("downloads", views.download_index, name="index"),
    path("openapi.<export_format:fmt>", views.openapi_whole, name="openapi"),
    path("openapi/domains/<str:domain>.<export_format:fmt>", views.openapi_domain, name="openapi_domain"),
    path("openapi/services/<str:service>.<export_format:fmt>", views.openapi_service, name="openapi_service"),
    path("openapi/endpoints/<path:slug>.<export_format:fmt>", views.openapi_endpoint, name="openapi_endpoint"),
    path("openapi/<str:name>.<export_format:fmt>", views.openapi_ambiguous, name="openapi_ambiguous"),
    path("asyncapi.<export_format:fmt>", views.asyncapi_whole, name="asyncapi"),
    path("asyncapi/hosts/<str:host>.<export_format:fmt>", views.asyncapi_host, name="asyncapi_host"),
    path("postman.json", views.postman_collection, name="postman"),
    path("postman-environment.json", views.postman_environment_file, name="postman_environment"),
    path("llms.txt", views.llms_txt, name="llms_txt"),
    path("llms-full.txt", views.llms_full_txt, name="llms_full_txt"),
]
