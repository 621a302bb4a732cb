"""The saved index: its folder and manifest, dense (FAISS) and keyword (BM25) search, fusion."""
