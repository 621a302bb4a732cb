"""The streaming build: a pool of sandboxed readers feeding windowed encoding, with one progress bar."""
