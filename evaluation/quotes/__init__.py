"""The quote-check evaluation: a test set made from the documents, its scoring and its report."""
