"""Main screens (before, live, closing) and the F1 help."""
