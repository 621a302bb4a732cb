"""PDF pages as evidence: rendered images, character boxes and the quote located on them."""
