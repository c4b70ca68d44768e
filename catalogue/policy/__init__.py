"""The public view: what may be published, and when."""
