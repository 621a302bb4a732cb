"""The editorial store (no Flask): answers kept for permalinks, feedback, analytics, gaps."""
