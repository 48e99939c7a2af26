"""Stage 6: the Plan every output is built from."""
