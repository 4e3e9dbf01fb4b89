"""The projector board (`starmote board`): a read-only view of the live meeting for the room."""
