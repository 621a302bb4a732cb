"""Answering: retrieve passages, compose verbatim cited answers, lists and follow-ups."""
