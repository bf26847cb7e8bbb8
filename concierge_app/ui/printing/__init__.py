"""Paper and PDF: what the desk prints and exports."""
