"""The partner API client: authentication, rate budget, problems as exceptions."""
