"""Tables: which rows are column headers, the caption above, and where each table sits in a passage."""
