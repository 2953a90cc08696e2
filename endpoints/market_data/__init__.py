"""Market data for backtesting: plan, fetch (REST pages and archive days), resumable jobs, CSV output.

`limits` holds KuCoin's paging facts, `request` checks what the user asked for, `plan` splits a
range into archive days and REST pages, `client` talks to the upstream, `pacing` keeps to the
pool's quota, `fetch` gets one segment with retries, `archive` reads daily zips, `chunks` and
`csv_output` store and assemble rows, `job` runs it all in the background and resumes.
"""
