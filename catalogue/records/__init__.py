"""The record files: YAML with positions, the parse cache, the loader, records made on read."""
