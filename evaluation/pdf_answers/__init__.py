"""Whole answers over real PDFs: citations on the labelled page, quotes holding the evidence, refusals."""
