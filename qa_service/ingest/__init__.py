"""Ingestion: read documents, strip furniture, split into passages, build the index."""
