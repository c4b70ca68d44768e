"""Our outputs checked by the official validators, and the metadata quality score."""
