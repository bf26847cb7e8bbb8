"""The desk's lists: Today, Expected and Needs attention, as Qt item models
over the store's windowed queries, their views, and the panel that puts them
in the desk's tabs and keeps them up to date."""
