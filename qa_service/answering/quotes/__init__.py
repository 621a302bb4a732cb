"""Quote check: fold, align, diff and chain a quote against the passages (pure; no Flask)."""
