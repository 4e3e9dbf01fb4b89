"""Widgets: each renders a part of the meeting state; none decides anything."""
