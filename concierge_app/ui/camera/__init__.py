"""Scanning with a camera, for desks without a barcode scanner."""
