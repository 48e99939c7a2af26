"""`rasim diff`: what changed between two editions of the rules, or two revisions of a scenario."""
