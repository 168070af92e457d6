"""The Chinese guides: every picture they show exists, every command they print parses.

A guide that names an option the program does not have sends an inspector or an administrator
into an error at the worst moment; this reads the guides as a person would copy from them.
"""

from __future__ import annotations

import argparse
import re
import shlex
from pathlib import Path

import pytest
from PIL import Image

from inspector_app.cli.main import build_parser

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
GUIDES = [DOCS / "用户手册.md", DOCS / "管理员手册.md"]
IMAGES = DOCS / "images"
MAX_IMAGE_BYTES = 160 * 1024

FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)
PICTURE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")
INLINE = re.compile(r"(?<!`)`((?:\S*/)?inspector(?:\.exe)?(?: [^`]+)?)`(?!`)")
PROGRAMS = {"inspector", "inspector.exe"}
SHELLS = {"sh", "bat", "ini", ""}  # code blocks a person copies commands from


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _segments(line: str) -> list[list[str]]:
    """The simple commands of one shell line (split at |, &&, ;), without sudo and its user."""
    lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    lexer.commenters = "#"
    out: list[list[str]] = [[]]
    for token in lexer:
        if token in {"|", "||", "&&", ";", "&", ">", ">>", "<"}:
            out.append([])
        else:
            out[-1].append(token)
    commands = []
    for words in out:
        while words and (words[0] == "sudo" or re.fullmatch(r"[A-Z_]+=.*", words[0])):
            if words[0] == "sudo":
                words = words[1:]
                while words and words[0].startswith("-"):
                    words = words[2:] if words[0] in {"-u", "-g"} else words[1:]
            else:
                words = words[1:]
        if words:
            commands.append(words)
    return commands


def code_commands(path: Path) -> list[list[str]]:
    """Every `inspector …` command in the guide's code blocks (shell, batch, systemd)."""
    found = []
    for lang, body in FENCE.findall(_text(path)):
        if lang not in SHELLS:
            continue
        for raw in body.splitlines():
            line = raw.strip()
            if lang == "ini":  # a systemd unit: only its command lines
                if not line.startswith("ExecStart="):
                    continue
                line = line.removeprefix("ExecStart=")
            if not line or line.startswith("#"):
                continue
            for words in _segments(line):
                if Path(words[0].replace("\\", "/")).name in PROGRAMS:
                    found.append(words[1:])
    return found


def inline_commands(path: Path) -> list[list[str]]:
    """`inspector …` in running text: what it names up to the first placeholder (…, <…>)."""
    text = FENCE.sub("", _text(path))
    found = []
    for span in INLINE.findall(text):
        words = span.replace("|", " ").split()
        if Path(words[0]).name not in PROGRAMS:
            continue
        kept = []
        for word in words[1:]:
            if "…" in word or word.startswith("<") or word.startswith('"'):
                break
            kept.append(word)
        found.append(kept)
    return found


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _path_and_options(words: list[str]) -> tuple[list[str], list[str], set[str]]:
    """The sub-command path the words name, the options they use and the options known there."""
    parser, path, used, known = build_parser(), [], [], set()
    known |= set(parser._option_string_actions)
    for word in words:
        if word.startswith("-"):
            used.append(word.split("=", 1)[0])
            continue
        sub = _subcommands(parser)
        if word in sub:
            parser = sub[word]
            path.append(word)
            known |= set(parser._option_string_actions)
    return path, used, known


def _parses(words: list[str]) -> str | None:
    """None when argparse accepts the words as `inspector` would; else what it said."""
    parser = build_parser()
    parser.exit_on_error = False
    try:
        parser.parse_args(words)
    except SystemExit as exc:  # --version, --help, or argparse's own error exit
        if exc.code == 0 and ({"--version", "--help", "-h"} & set(words)):
            return None
        return f"argparse exited with {exc.code}"
    except argparse.ArgumentError as exc:
        return str(exc)
    return None


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_guide_pictures_exist_and_are_small(guide):
    pictures = PICTURE.findall(_text(guide))
    assert len(pictures) >= 5, "the guide shows the real screens"
    for ref in pictures:
        file = (guide.parent / ref).resolve()
        assert file.is_file(), f"{guide.name}: {ref} does not exist"
        assert file.stat().st_size <= MAX_IMAGE_BYTES, f"{ref}: {file.stat().st_size} bytes"
        with Image.open(file) as image:
            assert image.format == "PNG"
            assert image.width >= 400 and image.height >= 200, f"{ref}: {image.size}"


def test_every_picture_in_docs_images_is_shown_somewhere():
    shown = set()
    for page in [*GUIDES, ROOT / "README.md"]:
        for ref in PICTURE.findall(_text(page)):
            shown.add((page.parent / ref).resolve())
    unused = sorted(p.name for p in IMAGES.glob("*.png") if p.resolve() not in shown)
    assert not unused, f"pictures no page shows: {unused}"


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_guide_commands_parse(guide):
    commands = code_commands(guide)
    assert len(commands) >= 15
    problems = []
    for words in commands:
        path, used, known = _path_and_options(words)
        unknown = [o for o in used if o not in known]
        why = f"unknown option(s) {unknown}" if unknown else _parses(words)
        if why is None and not {"--help", "--version"} & set(words) and _subcommands_left(path):
            why = "names a command group, not a command"
        if why:
            problems.append(f"inspector {shlex.join(words)}: {why}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_guide_inline_commands_exist(guide):
    """`inspector config set review_body …` in a sentence: the command and its options exist."""
    problems = []
    for words in inline_commands(guide):
        path, used, known = _path_and_options(words)
        unknown = [o for o in used if o not in known]
        if unknown:
            problems.append(f"inspector {' '.join(words)}: unknown option(s) {unknown}")
        positional = [w for w in words if not w.startswith("-")]
        if positional and not path:
            problems.append(f"inspector {' '.join(words)}: no such command")
        if path and _parses([*path, "--help"]) is not None:
            problems.append(f"inspector {' '.join(path)} --help fails")
    assert not problems, "\n".join(problems)


def _subcommands_left(path: list[str]) -> bool:
    parser = build_parser()
    for name in path:
        parser = _subcommands(parser)[name]
    return bool(_subcommands(parser))


def test_the_checker_catches_a_wrong_command():
    """The checks above would notice a renamed option or sub-command."""
    assert _parses(["ledger", "import", "台账.xlsx", "--dryrun"]) is not None
    assert _parses(["device", "enroll", "req.json"]) is not None
    assert _parses(["backup"]) is not None  # -o is required
    assert _parses(["--db", "postgresql+psycopg://x@/y", "ledger", "import", "a.xlsx"]) is None
    path, used, known = _path_and_options(["serve", "--threads", "4"])
    assert path == ["serve"] and "--threads" in used and "--threads" not in known
    assert _segments('sudo -u inspector /opt/i/bin/inspector --db "$DB" init && echo ok') == [
        ["/opt/i/bin/inspector", "--db", "$DB", "init"],
        ["echo", "ok"],
    ]


def test_readme_links_both_guides():
    readme = _text(ROOT / "README.md")
    for guide in GUIDES:
        assert f"docs/{guide.name}" in readme
