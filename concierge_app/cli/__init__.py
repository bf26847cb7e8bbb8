"""The command line: the desk window by default, and the headless commands."""
