"""Stage 1: source text to syntax tree (Lark LALR, error recovery, tree building)."""
