"""Everything that leaves the laptop: minutes, the plain-language copy, invites and e-mail."""
