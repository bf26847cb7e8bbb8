"""Lets `python -m concierge_app` behave exactly like the `concierge-app` script."""

from concierge_app.cli.main import main

if __name__ == "__main__":
    raise SystemExit(main())
