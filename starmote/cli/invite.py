"""`starmote invite CASE [--approve CODE]`: the kallelse, previewed, then written once approved."""

from __future__ import annotations

import argparse
import sys

from starmote.i18n import t


def configure_invite(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("case", metavar="CASE", help=t("cli.invite.case", lang))
    parser.add_argument("--approve", metavar="CODE", help=t("cli.invite.approve", lang))
    parser.add_argument("--out", metavar="DIR", help=t("cli.invite.out", lang))


def cmd_invite(args: argparse.Namespace) -> int:
    """Print the kallelse of a case file as it would go out; write it with the code shown.

    The preview (every property, with the words to look at marked) and the parties to be
    told another way go to stdout. Nothing is written until `--approve CODE` gives the
    code for exactly the text shown, as `export --approve-invites` does for the minutes'
    invites; the .ics and .eml then go to the case's kallelse folder, replacing any
    earlier kallelse of the case there.

    Returns:
        0; or 2 with one line on stderr (a bad case file: its lines, as `run` prints
        them; no organiser or invitee address; a wrong code; a folder that cannot be used).
    """
    from starmote.cli.failures import failure_line
    from starmote.cli.meeting import _load
    from starmote.documents.export import plan_stem
    from starmote.documents.invite_preview import approval_code, render_text
    from starmote.documents.invites import InviteError
    from starmote.documents.kallelse import (
        kallelse_dir,
        kallelse_invite,
        preview_of,
        told_elsewhere,
        write_kallelse,
    )

    lang = args.lang
    plan = _load(args.case, lang)
    if plan is None:
        return 2
    # The documents in the case file's language unless --lang was given.
    doc_lang = lang if getattr(args, "lang_given", False) else plan.language
    try:
        invite = kallelse_invite(plan, doc_lang, args.home)
        if not invite.proposal.attendees:
            print(t("cli.invite.nobody", lang), file=sys.stderr)
            return 2
        shown = preview_of(invite, plan, plan_stem(plan))
        code = approval_code([shown])
        # Approved with the code just read, the text is not shown again: headed "inte
        # godkänd" above "Kallelsen är skriven", it read as if the approval had failed.
        if args.approve is None or args.approve.strip() != code:
            sys.stdout.write(render_text([shown], lang))
            others = told_elsewhere(plan, lang)
            if others:
                print(t("cli.invite.elsewhere", lang))
                for other in others:
                    key = (
                        "cli.invite.elsewhere_note" if other.note else "cli.invite.elsewhere_plain"
                    )
                    print(t(key, lang, who=other.who, note=other.note))
                print()
        if args.approve is None:
            print(t("cli.invite.how_to_approve", lang, case=args.case, code=code))
            return 0
        if args.approve.strip() != code:
            print(t("cli.invite.wrong_code", lang, code=code), file=sys.stderr)
            return 2
        out = args.out or kallelse_dir(args.home, plan)
        # The code approves the text as proposed: what was shown, unedited.
        written = write_kallelse(plan, invite.proposal, invite.proposal, args.home, out)
    except InviteError as exc:
        print(f"invite: {exc.message(lang)}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        raise  # `starmote invite CASE | head`: main ends quietly, this is no folder's fault
    except OSError as exc:
        print(failure_line(exc, args, lang, args.out), file=sys.stderr)
        return 2
    for path in written:
        print(path)
    print(t("cli.invite.written", lang, sequence=invite.proposal.sequence))
    return 0
