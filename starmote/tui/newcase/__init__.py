"""The `starmote new` form: a case file written without hand-written TOML."""
