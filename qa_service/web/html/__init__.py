"""What the HTML templates draw: house-style citations, quote highlights, the dashboard chart (pure)."""
