"""The filings evaluation: many real PDFs, questions that each name one document, beside a naive baseline."""
