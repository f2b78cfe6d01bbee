"""The loader's commands by name, for the `legisgraph` group to import one only when it runs."""

#: Every loader command as "module:attribute": `serve` (and the web processes it forks) then
#: never loads the extractors, pdfminer or pyshacl.
COMMANDS = {
    "load": "loader.cli:load",
    "query": "loader.query_cli:query",
    "export": "loader.export_cli:export",
    "info": "loader.cli:info",
    "release": "loader.release_cli:release",
    "index": "loader.index_cli:index",
    "harvest": "loader.harvest.cli:harvest_group",
    "sync": "loader.sync.cli:sync_group",
    "link": "loader.linking.cli:link",
}
