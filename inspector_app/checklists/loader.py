"""Loading form files: includes, cross-file checks, and the forms folder.

A form is assembled from its own file plus the fragments it includes (the
common management block is written once, in common.yaml). Problems are
collected across all files involved and raised together as one FormError,
so an author fixing forms sees every mistake in one run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from inspector_app.rules.enums import EquipmentKind

from .checks import check_item, resolve_citation
from .model import Form, Section
from .problems import FormError, FormProblem
from .schema import CitationSpec, FormFile, FragmentFile, SectionSpec
from .sources import SOURCES_FILE, Registry, is_sources_file, load_registry, registry_from
from .yamlsource import YamlSource, read_yaml

FORMS_DIR_ENV = "INSPECTOR_FORMS_DIR"
_SUFFIXES = (".yaml", ".yml")


def default_forms_dir() -> Path:
    """The repository's forms/ folder, unless INSPECTOR_FORMS_DIR points elsewhere."""
    override = os.environ.get(FORMS_DIR_ENV)
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[2] / "forms"


@dataclass
class _Doc:
    path: Path
    source: YamlSource
    spec: FormFile | FragmentFile | None  # None: the sources registry (not a form)


def _display(path: Path) -> str:
    """Paths relative to the working directory read best in CLI messages."""
    try:
        return os.path.normpath(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return os.path.normpath(path)


def _read_doc(path: Path) -> tuple[_Doc | None, list[FormProblem]]:
    display = _display(path)
    if not path.is_file():
        return None, [FormProblem(display, None, "no such file")]
    source, problems = read_yaml(path, display)
    if source is None:
        return None, problems
    if is_sources_file(source.data):
        _, problems = registry_from(source)
        return (_Doc(path, source, None) if not problems else None), problems
    model = FragmentFile if source.data.get("fragment") is True else FormFile
    try:
        spec = model.model_validate(source.data)
    except ValidationError as exc:
        return None, source.problems_from(exc)
    return _Doc(path, source, spec), []


_Placed = tuple[SectionSpec, _Doc, int]


def _collect_sections(doc: _Doc, stack: list[Path], problems: list[FormProblem]) -> list[_Placed]:
    """Included sections first, in include order, then the file's own sections."""
    placed: list[_Placed] = []
    for k, name in enumerate(doc.spec.include):
        where = ("include", k)
        target = doc.path.parent / name
        key = target.resolve()
        if key in stack:
            chain = " -> ".join(_display(p) for p in [*stack[stack.index(key) :], key])
            problems.append(doc.source.problem(where, f"include cycle: {chain}"))
            continue
        if not target.is_file():
            problems.append(doc.source.problem(where, f"included file '{name}' does not exist"))
            continue
        sub, sub_problems = _read_doc(target)
        problems.extend(sub_problems)
        if sub is None:
            continue
        if sub.spec is None:
            problems.append(
                doc.source.problem(where, f"included file '{name}' is the sources registry")
            )
            continue
        if not isinstance(sub.spec, FragmentFile):
            problems.append(
                doc.source.problem(
                    where,
                    f"included file '{name}' is a form; only 'fragment: true' files can be included",
                )
            )
            continue
        placed.extend(_collect_sections(sub, [*stack, key], problems))
    placed.extend((section, doc, i) for i, section in enumerate(doc.spec.sections))
    return placed


def _check_unique_ids(placed: list[_Placed], problems: list[FormProblem]) -> None:
    first_section: dict[str, str] = {}
    first_item: dict[str, str] = {}
    for section, doc, i in placed:
        loc = ("sections", i, "id")
        if section.id in first_section:
            problems.append(
                doc.source.problem(
                    loc,
                    f"section '{section.id}': duplicate id (first at {first_section[section.id]})",
                )
            )
        else:
            first_section[section.id] = f"{doc.source.display}:{doc.source.line_of(loc)}"
        for j, item in enumerate(section.items):
            loc = ("sections", i, "items", j, "id")
            if item.id in first_item:
                problems.append(
                    doc.source.problem(
                        loc, f"item '{item.id}': duplicate id (first at {first_item[item.id]})"
                    )
                )
            else:
                first_item[item.id] = f"{doc.source.display}:{doc.source.line_of(loc)}"


def _check_items(placed: list[_Placed], registry: Registry | None, problems: list) -> None:
    for section, sdoc, i in placed:
        for j, item in enumerate(section.items):
            problems.extend(check_item(item, ("sections", i, "items", j), sdoc.source, registry))


def _cite(registry: Registry | None):
    def cite(spec: CitationSpec):
        citation, message = resolve_citation(spec, registry)
        if citation is None:  # unreachable: check_item reported it already
            raise ValueError(message)
        return citation

    return cite


def _resolve(doc: _Doc) -> tuple[Form | None, list[FormProblem]]:
    """Expand includes; return a Form for a form file, None for a fragment."""
    problems: list[FormProblem] = []
    placed = _collect_sections(doc, [doc.path.resolve()], problems)
    _check_unique_ids(placed, problems)
    # Citations resolve against the registry beside the form itself, also for
    # the sections its fragments contribute.
    registry, registry_problems = load_registry(doc.path.parent, _display)
    problems.extend(registry_problems)
    _check_items(placed, registry, problems)
    spec = doc.spec
    if isinstance(spec, FormFile) and not placed and not problems:
        problems.append(
            doc.source.problem(("sections",), "form has no sections (and includes none)")
        )
    if problems or isinstance(spec, FragmentFile):
        return None, problems
    sections = [
        Section(
            id=s.id,
            title_zh=s.title_zh,
            title_en=s.title_en,
            items=[item.resolve(s.id, _cite(registry)) for item in s.items],
        )
        for s, _, _ in placed
    ]
    try:
        form = Form(
            id=spec.id,
            kind=spec.kind,
            title_zh=spec.title_zh,
            title_en=spec.title_en,
            version=spec.version,
            sections=sections,
        )
    except ValidationError as exc:  # should be unreachable: the file schema checks the same
        return None, [FormProblem(doc.source.display, None, str(exc))]
    return form, []


def _load_any(path: Path) -> tuple[Form | None, bool, list[FormProblem]]:
    """Returns (form, is_fragment, problems)."""
    doc, problems = _read_doc(path)
    if doc is None:
        return None, False, problems
    if doc.spec is None:  # the sources registry: checked, never a form
        return None, True, problems
    form, problems = _resolve(doc)
    return form, isinstance(doc.spec, FragmentFile), problems


def load_form(path: str | os.PathLike[str]) -> Form:
    """Load one form file with its includes; raise FormError listing every problem."""
    path = Path(path)
    form, is_fragment, problems = _load_any(path)
    if is_fragment and not problems:
        what = (
            "the sources registry (sources: true)"
            if path.name == SOURCES_FILE
            else "a fragment (fragment: true)"
        )
        problems = [FormProblem(_display(path), None, f"file is {what}, not a form")]
    if form is None:
        raise FormError(problems)
    return form


def _form_files(paths: list[Path]) -> tuple[list[Path], list[FormProblem]]:
    files: list[Path] = []
    problems: list[FormProblem] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix in _SUFFIXES and p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            problems.append(FormProblem(_display(path), None, "no such file or directory"))
    return files, problems


def _load_all(paths: list[Path]) -> tuple[dict[EquipmentKind, Form], list[FormProblem]]:
    files, problems = _form_files(paths)
    forms: dict[EquipmentKind, Form] = {}
    origin: dict[EquipmentKind, str] = {}
    ids: dict[str, str] = {}
    for file in files:
        form, _, file_problems = _load_any(file)
        problems.extend(file_problems)
        if form is None:
            continue
        here = _display(file)
        if form.kind in forms:
            problems.append(
                FormProblem(
                    here, None, f"kind '{form.kind}' is already provided by {origin[form.kind]}"
                )
            )
            continue
        if form.id in ids:
            problems.append(
                FormProblem(here, None, f"form id '{form.id}' is already used by {ids[form.id]}")
            )
            continue
        forms[form.kind], origin[form.kind], ids[form.id] = form, here, here
    return forms, list(dict.fromkeys(problems))


def load_forms_dir(directory: str | os.PathLike[str] | None = None) -> dict[EquipmentKind, Form]:
    """All forms of a folder by kind; fragments are skipped. Raises FormError on any problem."""
    folder = Path(directory) if directory is not None else default_forms_dir()
    if not folder.is_dir():
        raise FormError([FormProblem(_display(folder), None, "forms folder does not exist")])
    forms, problems = _load_all([folder])
    if problems:
        raise FormError(problems)
    return forms


def check_form_files(
    paths: list[str | os.PathLike[str]] | str | os.PathLike[str],
) -> list[FormProblem]:
    """Every problem in the given files/folders (for a CLI or an editor); never raises on content."""
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    _, problems = _load_all([Path(p) for p in paths])
    return problems
