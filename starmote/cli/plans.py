"""`starmote validate` and `starmote templates`: the plan files, checked and listed."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from starmote.i18n import t

if TYPE_CHECKING:  # the commands import the plan modules lazily: a fast start
    from starmote.plan.template import Template


def configure_validate(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help=t("cli.validate.files", lang))


def cmd_validate(args: argparse.Namespace) -> int:
    """Check case and template files; problems to stderr, exit 2 if any (warnings alone: 0).

    Args:
        args: Parsed arguments (`files`, `lang`).

    Returns:
        0 when every file is valid, else 2.
    """
    from starmote.plan.files import validate_file
    from starmote.plan.toml_source import Problem

    status = 0
    for path in args.files:
        try:
            problems = validate_file(path, lang=args.lang)
        except Exception as exc:  # noqa: BLE001 – a bug must still be one line, never a traceback
            problems = [
                Problem(
                    path,
                    1,
                    t("formats.field_file", args.lang),
                    t("cli.unexpected", args.lang, error=repr(exc)),
                )
            ]
        for problem in problems:
            print(problem, file=sys.stderr)
        if any(not p.warning for p in problems):
            status = 2
        else:
            print(t("cli.validate.ok", args.lang, path=path))
    return status


def configure_templates(parser: argparse.ArgumentParser, lang: str) -> None:
    """`templates` takes no arguments of its own."""
    del parser, lang


def cmd_templates(args: argparse.Namespace) -> int:
    """List the shipped templates with their phases and shares.

    Args:
        args: Parsed arguments (`lang`).

    Returns:
        0, or 2 if a shipped template is broken (its problems go to stderr).
    """
    from starmote.plan.resources import shipped_templates, templates_dir
    from starmote.plan.template import load_template
    from starmote.plan.toml_source import FormatError

    lang = args.lang
    paths = shipped_templates()
    if not paths:
        print(t("cli.templates.none", lang, path=templates_dir()), file=sys.stderr)
        return 2
    status = 0
    for i, path in enumerate(paths):
        try:
            template = load_template(path, lang)
        except FormatError as exc:
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            status = 2
            continue
        if i:
            print()
        print(
            t(
                "cli.templates.line",
                lang,
                key=template.key,
                kind=template.kind,
                title=template.title(lang),
                minutes=template.default_duration_min,
            )
        )
        for phase in template.phases:
            extra = ""
            if phase.key == template.per_case:
                extra = t("cli.templates.per_case", lang)
            elif phase.floor_share:
                extra = t("cli.templates.floor", lang, floor=f"{phase.floor_share:g}")
            print(
                t(
                    "cli.templates.phase",
                    lang,
                    title=phase.title(lang),
                    share=f"{phase.share:g}",
                    extra=extra,
                )
            )
        words = _own_words(template, lang)
        if words:
            print(t("cli.templates.words", lang, words=words))
    return status


def _own_words(template: Template, lang: str) -> str:
    """How a meeting type differs from a SIP meeting, in one line ("" if it does not)."""
    from starmote.plan.model import CONVENER_CHAIR, HORIZONS

    parts = []
    if not template.lead:
        parts.append(t("cli.templates.no_lead", lang))
    if template.convener != CONVENER_CHAIR:
        parts.append(t("cli.templates.convener", lang, who=template.convener))
    if template.horizons != HORIZONS:
        goals = ", ".join(t(f"horizon.{h}", lang) for h in template.horizons)
        parts.append(
            t("cli.templates.goals", lang, goals=goals)
            if goals
            else t("cli.templates.no_goals", lang)
        )
    word = template.decisions_en if lang == "en" else template.decisions_sv
    if word:
        parts.append(t("cli.templates.decisions", lang, word=word))
    if template.sections:
        titles = ", ".join(x.title(lang) for x in template.sections)
        parts.append(t("cli.templates.sections", lang, titles=titles))
    return "; ".join(parts)
