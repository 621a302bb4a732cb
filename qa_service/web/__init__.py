"""The Flask edge: app wiring, views, validation, serialisation, headers, limits, metrics."""
