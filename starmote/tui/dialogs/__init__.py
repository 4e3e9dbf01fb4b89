"""Modal dialogs: confirm, pick one, fill a small form, rebalance."""
