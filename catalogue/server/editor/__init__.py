"""The editor: sign-in and the officer's home page, the record pages (forms, workflow, comments, history), data
files and records folders, codelists' codes, previews, and the JSON API for scripts, each a router over the same
editing service (``catalogue.editing``). ``create_app`` keeps the shared objects on ``app.state``."""
