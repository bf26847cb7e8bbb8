"""Paper and PDF: what the desk prints and exports, and the sandbox's label sheet."""
