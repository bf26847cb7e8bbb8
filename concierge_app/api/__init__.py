"""The partner API client: authentication, rate budget, problems as exceptions.

httpx imports its own command line (`httpx._main`: click, Pygments and
rich) whenever those are installed, and uvicorn brings click along: tens
of milliseconds of start-up, up to about 90 with the test tools installed,
for a command the desk never runs. Marking that module absent before httpx
is first imported makes httpx fall back to its stub `httpx.main`, which
only says how to install the command line; the client is untouched.
"""

import sys

if "httpx" not in sys.modules:
    sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
