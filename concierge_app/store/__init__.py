"""The workstation's local SQLite store: cache, receipt queue, audit log, cursors."""
