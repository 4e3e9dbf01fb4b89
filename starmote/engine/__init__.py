"""The meeting engine: pure rules, commands in, events out; no I/O and no clock of its own."""
