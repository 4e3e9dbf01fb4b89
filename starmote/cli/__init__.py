"""The `starmote` command line: every subcommand in one place."""
