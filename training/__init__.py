"""Scripts that build Entente's English spaCy pipeline from open treebanks (not shipped)."""
