"""Evaluation harness (not shipped in the wheel): datasets, ranking metrics, runners, reports."""
