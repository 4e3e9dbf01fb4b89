"""A light theme for the projector: every coloured text at least 4.5:1 on its background.

Textual's own light theme draws warnings and the accent in light orange on grey
(1.5:1, about 3.3:1 as tinted text), which a projected room cannot read.
"""

from __future__ import annotations

from textual.theme import Theme

PROJECTOR_LIGHT = Theme(
    name="starmote-light",
    primary="#004578",
    secondary="#0178D4",
    accent="#1D4ED8",
    warning="#B45309",
    error="#B91C1C",
    success="#15803D",
    background="#E0E0E0",
    surface="#D8D8D8",
    panel="#D0D0D0",
    dark=False,
    variables={"footer-key-foreground": "#004578"},
)
