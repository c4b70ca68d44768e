"""One module per standard; each maps the public view to that standard."""
