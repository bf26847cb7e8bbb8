"""The desk window: PySide6 widgets and view models on the qasync loop."""
