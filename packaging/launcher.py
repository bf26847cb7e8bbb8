"""The frozen build's entry script: what the `concierge-app` console script runs."""

from concierge_app.cli.main import main

raise SystemExit(main())
