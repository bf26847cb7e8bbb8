"""Concierge receiving desk: register the receipt of luxury goods at a facility.

The package is layered; each layer imports only the ones below it:

    domain   pure rules: identifiers, the security token scheme, verdicts
    store    the workstation's SQLite file: cache, receipt queue, audit log
    api      the partner API client: auth, rate budget, problem mapping
    sync     the engine that pulls the cache and pushes the receipt queue
    ui       the PySide6 desk window on the qasync loop
    cli      the command line that starts any of the above

The sandbox (a real server for the partner API contract) uses only the domain.
"""

__version__ = "0.1.0"
