"""Benchmarks: each script measures ours against its own baseline in the same run (see run_all.py)."""
