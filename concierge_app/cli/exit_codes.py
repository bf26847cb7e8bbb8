"""Exit statuses of every command, documented once (see docs/commands.md)."""

OK = 0
FAILURE = 1
USAGE = 2
UNREADABLE_INPUT = 3
AUTH_FAILED = 4
UNREACHABLE = 5
LOCKED = 6
STORE_DAMAGED = 7
QUEUE_NOT_EMPTY = 8
INTERRUPTED = 130
