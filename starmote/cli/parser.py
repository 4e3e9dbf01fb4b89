"""An argparse parser whose own words ("usage:", errors, -h) follow the UI language."""

from __future__ import annotations

import argparse
import gettext
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import import_module
from typing import Any, NoReturn

from starmote.i18n import LANGUAGES


def _words(lang: str) -> dict[str, str]:
    """argparse's words in `lang`, from its catalogue module (read on first use, as `t` does)."""
    if lang not in LANGUAGES:
        return {}
    words: dict[str, str] = import_module(f"starmote.i18n.{lang}").ARGPARSE
    return words


class _Catalogue(gettext.NullTranslations):
    """gettext translations from one of our dicts (argparse's English msgid -> text)."""

    def __init__(self, words: dict[str, str]) -> None:
        super().__init__()
        self._words = words

    def gettext(self, message: str) -> str:
        return self._words.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        message = msgid1 if n == 1 else msgid2
        return self._words.get(message, message)


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """argparse's messages in `lang` for the duration of the block.

    argparse looks its words up at call time through the module-level `_` and
    `ngettext` it imported from gettext; gettext's own lookup needs compiled .mo
    files and the environment's language, so the two names are pointed at our
    catalogue for as long as one of our parsers is working, then put back.
    """
    words = _words(lang)
    if not words:
        yield
        return
    catalogue = _Catalogue(words)
    names = vars(argparse)
    saved = names["_"], names["ngettext"]
    names["_"], names["ngettext"] = catalogue.gettext, catalogue.ngettext
    try:
        yield
    finally:
        names["_"], names["ngettext"] = saved


class LocalParser(argparse.ArgumentParser):
    """An ArgumentParser that speaks `lang`; its subcommand parsers are LocalParsers too."""

    def __init__(self, *args: Any, lang: str = "sv", **kwargs: Any) -> None:
        self.lang = lang
        with speaking(lang):
            super().__init__(*args, **kwargs)

    def add_subparsers(self, **kwargs: Any) -> Any:
        with speaking(self.lang):
            return super().add_subparsers(**kwargs)

    def format_usage(self) -> str:
        with speaking(self.lang):
            return super().format_usage()

    def format_help(self) -> str:
        with speaking(self.lang):
            return super().format_help()

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        with speaking(self.lang):
            return super().parse_args(args, namespace)

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        with speaking(self.lang):
            return super().parse_known_args(args, namespace)

    def error(self, message: str) -> NoReturn:
        with speaking(self.lang):
            super().error(message)


class VersionAction(argparse.Action):
    """`--version`: the installed package's version (pyproject.toml is its only source).

    Looked up only when asked, so an ordinary start does not pay for importlib.metadata.
    """

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest=dest, default=argparse.SUPPRESS, nargs=0, help=help)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        print(f"{parser.prog} {installed_version()}", file=sys.stdout)
        parser.exit()


def installed_version() -> str:
    """The version pip installed (from pyproject.toml), or "?" when run from an uninstalled tree."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("starmote")
    except PackageNotFoundError:
        return "?"
