"""The store of a live catalogue: records with revisions in SQLite or PostgreSQL."""

from catalogue.store.store import LoadReport, Store, StoreError, canonical_json, open_store

__all__ = ["LoadReport", "Store", "StoreError", "canonical_json", "open_store"]
