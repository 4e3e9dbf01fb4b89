"""Any plan file: tell a case from a template by its top table, and check it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from starmote.i18n import t
from starmote.plan.case import check_case
from starmote.plan.fields import Checker
from starmote.plan.offers import check_offers
from starmote.plan.template import check_template
from starmote.plan.toml_source import Problem, read_toml, sorted_problems


def validate_file(
    path: str | Path,
    templates_dirs: Iterable[str | Path] | None = None,
    lang: str = "sv",
) -> list[Problem]:
    """Check a case, template or utbudskarta file (told apart by its top table).

    Args:
        path: The file.
        templates_dirs: As for `load_case`.
        lang: Language of problem messages.

    Returns:
        Every problem found; empty when the file is valid.
    """
    src = read_toml(path, lang)
    if src.data is None:
        return list(src.problems or [])
    c = Checker(src, lang)
    has_case, has_template = "case" in src.data, "template" in src.data
    if has_case and has_template:
        c.report(("template",), "formats.both_kinds")
        return c.problems
    if has_template:
        return sorted_problems(check_template(src, lang)[1].problems)
    if "utbudskarta" in src.data and not has_case:
        return check_offers(src, lang)[1]
    if has_case:
        return check_case(src, templates_dirs, lang)[1]
    return [Problem(src.file, 1, t("formats.field_file", lang), t("formats.unknown_kind", lang))]
