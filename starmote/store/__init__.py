"""Where meetings live: the event journal, the live session on it, and views derived from it."""
