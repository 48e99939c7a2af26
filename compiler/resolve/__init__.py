"""Stage 2: bind every name of a file to its declaration, choose the editions, check citations."""
