"""dating stage."""
