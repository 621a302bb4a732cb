"""Evidence on the page: the original files, page images with the quote boxed, the page view."""
