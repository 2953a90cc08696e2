"""Machine-readable exports: OpenAPI, llms.txt, Postman. (Filled in by the exports issue.)"""

app_name = "exports"

urlpatterns: list = []
