"""A KuCoin-compatible upstream on loopback: every catalogued endpoint, KuCoin's auth, errors and quotas.

KuCoin no longer runs a public sandbox, so try-it, the code samples and the
exports are tested against this one. `routes` snapshots the catalogue,
`gateway` decides each answer, `server` speaks HTTP and switches faults.
"""
