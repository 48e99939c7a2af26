"""The standard library: its editions loaded, their symbols, and the article indexes it owns."""
