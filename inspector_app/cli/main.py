"""``inspector``: the command-line face of the core.

Errors are one clear line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import io
import logging
import os
import re
import sys
from collections.abc import Sequence

from sqlalchemy.exc import SQLAlchemyError

from inspector_app import __version__
from inspector_app.core.errors import UserError
from inspector_app.store.db import DatabaseError

from . import commands, labels
from . import forms as forms_cli

EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="inspector",
        description="Special-equipment field inspection: local database, checklists, demo data.",
    )
    parser.add_argument(
        "--data-dir",
        help="folder of the local database and photos "
        "(default: $INSPECTOR_DATA_DIR or the platform's user data folder)",
    )
    parser.add_argument("--db", metavar="URL", help="database URL instead of the local SQLite file")
    parser.add_argument("--version", action="version", version=f"inspector {__version__}")
    parser.add_argument(
        "--codes",
        action="store_true",
        help="print stored codes (elevator, concluded, stop_use) instead of Chinese labels",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("init", help="create or upgrade the database and print where it is")
    p.set_defaults(func=commands.cmd_init)

    p = sub.add_parser("demo", help="fill the database with realistic demo data")
    p.add_argument(
        "--scale",
        type=int,
        default=300,
        metavar="N",
        help="number of pieces of equipment to create (default 300)",
    )
    p.add_argument("--seed", type=int, default=1, help="random seed (same seed, same data)")
    p.add_argument(
        "--units",
        type=int,
        metavar="N",
        help="number of user units: the city layout over 20 districts "
        f"(default from {demo_city_from():,} equipment on: one unit per three pieces)",
    )
    p.add_argument(
        "--history",
        type=int,
        default=0,
        metavar="N",
        help="also N concluded inspections of the last two years, with their findings, "
        "directives, rectification reports and follow-ups (fast bulk writes)",
    )
    p.set_defaults(func=commands.cmd_demo)

    forms = sub.add_parser("forms", help="checklist forms").add_subparsers(
        dest="forms_command", required=True, metavar="SUBCOMMAND"
    )
    p = forms.add_parser("check", help="validate forms; exit 1 with file:line messages on problems")
    p.add_argument("paths", nargs="*", help="form files or folders (default: the shipped forms/)")
    p.set_defaults(func=commands.cmd_forms_check)
    p = forms.add_parser("list", help="list the shipped forms with their version hashes")
    p.set_defaults(func=commands.cmd_forms_list)
    forms_cli.add_parsers(forms)

    officers = sub.add_parser("officers", help="officer accounts").add_subparsers(
        dest="officers_command", required=True, metavar="SUBCOMMAND"
    )
    p = officers.add_parser(
        "add", help="add an officer (the password is asked for, never an argument)"
    )
    p.add_argument("--name", required=True)
    p.add_argument("--cert-no", required=True, help="执法证号 (law-enforcement certificate number)")
    p.add_argument("--role", choices=["inspector", "supervisor"], default="inspector")
    p.set_defaults(func=commands.cmd_officers_add)
    p = officers.add_parser("list", help="list officers")
    p.set_defaults(func=commands.cmd_officers_list)

    dbp = sub.add_parser("db", help="database maintenance").add_subparsers(
        dest="db_command", required=True, metavar="SUBCOMMAND"
    )
    p = dbp.add_parser("check", help="integrity and migration state")
    p.set_defaults(func=commands.cmd_db_check)

    p = sub.add_parser("inspections", help="list recent inspections (to find their ids)")
    p.add_argument("--limit", type=int, default=20)
    p.set_defaults(func=commands.cmd_inspections)

    p = sub.add_parser(
        "notice", help="issue (or print again) the directive of an inspection as PDF"
    )
    p.add_argument("inspection_id")
    p.add_argument("-o", "--output", required=True, help="PDF file to write")
    p.add_argument(
        "--supersede",
        action="store_true",
        help="issue a corrected directive that supersedes the one in force",
    )
    p.add_argument(
        "--to",
        default="user",
        metavar="ADDRESSEE",
        help="user (the inspected unit, default), maintenance (its maintenance unit), "
        "or a maintenance unit's id when there are several",
    )
    p.set_defaults(func=commands.cmd_notice)

    p = sub.add_parser(
        "rectification-report",
        help="record the unit's 整改报告 for a directive; prints the re-inspection due date",
    )
    p.add_argument("number", help="directive number, e.g. 漳市监特令〔2026〕第010007号")
    p.add_argument("--received", required=True, metavar="YYYY-MM-DD", help="date received")
    p.add_argument("--file", dest="files", action="append", default=[], metavar="FILE",
                   help="a page of the report (PDF, image, Word/Excel) kept with the directive; "
                   "repeat for several")  # fmt: skip
    p.set_defaults(func=commands.cmd_rectification_report)

    p = sub.add_parser(
        "record", help="write the on-site inspection record (现场监督检查记录) as PDF"
    )
    p.add_argument("inspection_id")
    p.add_argument("-o", "--output", required=True, help="PDF file to write")
    p.set_defaults(func=commands.cmd_record)

    p = sub.add_parser(
        "verify", help="check a directive PDF (or a scanned QR text) against the database"
    )
    p.add_argument("file", nargs="?", help="directive PDF")
    p.add_argument("--payload", help="the text of the scanned QR code instead of a file")
    p.set_defaults(func=commands.cmd_verify)

    cfg = sub.add_parser("config", help="installation settings").add_subparsers(
        dest="config_command", required=True, metavar="SUBCOMMAND"
    )
    p = cfg.add_parser("show", help="show the settings")
    p.set_defaults(func=commands.cmd_config_show)
    p = cfg.add_parser("set", help="change a setting")
    p.add_argument("key")
    p.add_argument("value")
    p.set_defaults(func=commands.cmd_config_set)

    p = sub.add_parser("search", help="search equipment by any part of code, unit name or address")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=20)
    p.set_defaults(func=commands.cmd_search)

    from inspector_app.sync.cli import register as register_sync

    from .maintenance import register as register_maintenance

    register_sync(sub)
    register_maintenance(sub)
    from .ledger import register as register_ledger

    register_ledger(sub)
    from .desk import register as register_desk

    register_desk(sub)
    from .planning import register as register_planning

    register_planning(sub)
    return parser


def demo_city_from() -> int:
    from inspector_app.core.demo import CITY_FROM

    return CITY_FROM


def read_password(prompt: str = "Password: ") -> str:
    """From the terminal, or one line of stdin when it is not a terminal (scripts)."""
    if sys.stdin.isatty():
        first = getpass.getpass(prompt)
        if getpass.getpass("Repeat: ") != first:
            raise UserError("the two passwords differ")
        return first
    line = sys.stdin.readline()
    if not line:
        raise UserError("no password given on standard input")
    return line.rstrip("\n")


def one_line(exc: BaseException) -> str:
    """An error as one line: no SQL, no "Background on this error" link, no driver noise."""
    lines = [
        line.strip()
        for line in str(exc).splitlines()
        if line.strip() and not line.lstrip().startswith("(Background on this error")
    ]
    text = re.sub(r"\s*\[SQL: .*$", "", lines[0]) if lines else type(exc).__name__
    return text or type(exc).__name__


def _silence_stdout() -> None:
    """Point stdout at the null device so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    labels.print_codes(args.codes)
    # Libraries speak through logging; the CLI's one-line messages say what matters.
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    if args.command != "serve":
        logging.getLogger("inspector_app").setLevel(logging.ERROR)
    try:
        code = int(args.func(args) or 0)
        sys.stdout.flush()  # a closed pipe shows here, not as noise at exit
        return code
    except BrokenPipeError:  # the reader went away (`inspector plan list | head`): stop quietly
        _silence_stdout()
        return 141  # 128 + SIGPIPE, as a command killed by the closed pipe
    except (UserError, DatabaseError) as exc:
        print(f"inspector: error: {one_line(exc)}", file=sys.stderr)
        return 1
    except SQLAlchemyError as exc:
        print(
            f"inspector: error: database: {one_line(getattr(exc, 'orig', None) or exc)}",
            file=sys.stderr,
        )
        return 1
    except UnicodeError:
        print(
            "inspector: error: an argument or file name is not valid UTF-8 text "
            "(check the terminal's encoding)",
            file=sys.stderr,
        )
        return 1
    except KeyboardInterrupt:
        print("inspector: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the promise is: never a traceback
        if os.environ.get("INSPECTOR_DEBUG"):
            raise
        print(
            f"inspector: unexpected error: {type(exc).__name__}: {one_line(exc)} "
            "(set INSPECTOR_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
