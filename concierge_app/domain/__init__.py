"""Pure receiving rules: identifiers, the token scheme, payloads and verdicts.

Nothing here does I/O or knows of Qt; every other layer builds on it.
"""
