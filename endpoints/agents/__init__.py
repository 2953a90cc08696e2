"""The catalogue for AI agents: a read-only Model Context Protocol (MCP) server.

The tool modules (`catalogue_tools`, `kucoin_tools`, `request_preview`, `changes`) are
plain functions over the selectors, the search engine and the Markdown twins, and
return `answers.Answer`; `server` is the only module that knows the MCP SDK, and
`transport` runs it over stdio or HTTP.
"""
