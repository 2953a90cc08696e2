"""Every read of the catalogue's models. Views, exports, the sandbox and the commands call these, never the ORM.

Split by what the reads are for; every function is importable from here.
"""

from .catalogue import (
    PAGE_DEFERRED_FIELDS,
    catalogue_counts,
    catalogue_version,
    channel_get,
    channel_list,
    channel_sub_service,
    endpoint_find,
    endpoint_get,
    endpoint_list,
    endpoint_paths_by_doc_url,
    endpoint_placement,
    has_endpoints,
    is_slug,
    latest_sdk_sync,
    latest_sync,
    live_items_by_slug,
    live_slugs,
    page_version,
    retired_count,
    versions_pinned,
)
from .filters import ENDPOINT_ONLY_FILTERS, channel_filter, endpoint_filter
from .groups import (
    domain_counts,
    endpoints_by_api_permission,
    endpoints_by_rate_limit_pool,
    sdk_services,
    unpublished_metadata_count,
)
from .market_data import job_gaps, job_get, job_list, job_progress, job_unfinished
from .sending import endpoint_for_send, endpoint_parameters
from .team import (
    catalogue_item_get_or_none,
    change_list_for,
    change_runs,
    note_filter_choices,
    note_get_or_none,
    note_list,
    notes_stamp,
    sync_changes,
)
from .tree import (
    TREE_FIELDS,
    DomainGroup,
    PageLink,
    ServiceGroup,
    SubServiceGroup,
    catalogue_tree,
    channel_neighbours,
    endpoint_neighbours,
    endpoint_reading_order,
)

__all__ = [
    "ENDPOINT_ONLY_FILTERS", "PAGE_DEFERRED_FIELDS", "TREE_FIELDS", "DomainGroup", "PageLink", "ServiceGroup",
    "SubServiceGroup", "catalogue_counts", "catalogue_tree", "catalogue_version", "channel_filter", "channel_get",
    "channel_list", "channel_neighbours", "channel_sub_service", "domain_counts", "endpoint_filter", "endpoint_find",
    "endpoint_for_send", "endpoint_get", "endpoint_list", "endpoint_neighbours", "endpoint_parameters",
    "endpoint_paths_by_doc_url",
    "endpoint_placement", "endpoint_reading_order", "endpoints_by_api_permission", "endpoints_by_rate_limit_pool",
    "has_endpoints", "is_slug", "latest_sdk_sync", "latest_sync", "live_items_by_slug", "live_slugs", "page_version",
    "retired_count", "sdk_services", "versions_pinned",
    "unpublished_metadata_count",
    "job_gaps", "job_get", "job_list", "job_progress", "job_unfinished",
    "catalogue_item_get_or_none", "change_list_for", "change_runs",
    "note_filter_choices", "note_get_or_none", "note_list", "notes_stamp", "sync_changes",
]  # fmt: skip
