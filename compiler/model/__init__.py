"""Stage 3: the meaning of the law and of the event, as typed values lowered from the bound tree."""
