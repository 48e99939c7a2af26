"""Stage 4: check the model of a scenario against its rules."""
