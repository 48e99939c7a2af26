"""Commands over the tree and the library that are not compiler stages: fmt, coverage, reference."""
