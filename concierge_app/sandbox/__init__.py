"""A real HTTP server for the partner API contract, with demo data and faults."""
