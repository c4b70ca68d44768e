"""The store of a live catalogue: records with revisions in SQLite or PostgreSQL."""

from catalogue.store.store import LoadReport, Store, canonical_json, open_store
from catalogue.errors import StoreError

__all__ = ["LoadReport", "Store", "StoreError", "canonical_json", "open_store"]
