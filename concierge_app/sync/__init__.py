"""The sync engine and the receiving service: no Qt, plain Python events."""
