"""How an answer is put together: which sentences are quoted (quoting) and whether to answer (gate)."""
