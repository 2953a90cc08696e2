"""Try-it requests against KuCoin or the sandbox. (Filled in by the try-it issue.)"""

app_name = "try_it"

urlpatterns: list = []
