"""The UID and SEQUENCE each kallelse went out with, so the next one updates the same event."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from starmote.store import paths

FILE_NAME = "kallelser.json"


@dataclass(frozen=True)
class Issued:
    """How a kallelse was (or would next be) sent: its UID, SEQUENCE, and what it said."""

    uid: str
    sequence: int
    content: str
    """A digest of its text without UID and SEQUENCE (`documents.kallelse.content`)."""


def _load(home: Path) -> dict[str, Issued]:
    try:
        raw = json.loads((home / FILE_NAME).read_text("utf-8"))
    except FileNotFoundError:
        return {}
    except (ValueError, OSError):
        return {}  # unreadable: the next kallelse starts a new event rather than fail
    out = {}
    for key, value in raw.items() if isinstance(raw, dict) else ():
        try:
            out[key] = Issued(str(value["uid"]), int(value["sequence"]), str(value["content"]))
        except (KeyError, TypeError, ValueError):
            continue
    return out


def next_issue(
    home: Path | str | None, identity: str, content: str, uid: str, first: int = 0
) -> Issued:
    """How the kallelse with `content` goes out now: as last time if it says the same,
    else as an update (SEQUENCE + 1) of the same UID, or new (SEQUENCE `first`).

    Looking never writes (`record` does, once the kallelse is written).

    Args:
        home: The data directory.
        identity: Which meeting's kallelse (`documents.kallelse.identity`).
        content: Its text's digest.
        uid: The UID of a kallelse never sent before.
        first: Its first SEQUENCE (above the follow-up invite's it updates, if any).
    """
    found = _load(paths.locate_home(home)).get(identity)
    if found is None:
        return Issued(uid, first, content)
    if found.content == content:
        return found
    return Issued(found.uid, found.sequence + 1, content)


def record(home: Path | str | None, identity: str, issued: Issued) -> None:
    """Keep how the kallelse for `identity` went out (atomically, 0600)."""
    home = paths.data_home(home)
    kept = _load(home)
    kept[identity] = issued
    data = {key: asdict(value) for key, value in kept.items()}
    paths.atomic_write_text(home / FILE_NAME, json.dumps(data, indent=1, sort_keys=True))
