"""Mutated forms and registries: `forms check` reports problems, it never crashes."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inspector_app.checklists import FormError, check_form_files, load_form

FORMS = Path(__file__).resolve().parents[1] / "forms"
FILES = ("sources.yaml", "common.yaml", "escalator.yaml")

mutation = st.tuples(
    st.sampled_from(FILES),
    st.sampled_from(["delete", "duplicate", "replace", "insert"]),
    st.integers(min_value=0, max_value=10_000),
    st.text(alphabet=st.sampled_from(list("{}[]:,- 安全法第1aZ#\"'\n\t＿《》")), max_size=12),
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(mutation, min_size=1, max_size=4))
def test_mutated_forms_never_crash_the_checker(tmp_path, mutations):
    folder = tmp_path / "forms"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    for name in FILES:
        shutil.copy(FORMS / name, folder / name)
    for name, op, where, junk in mutations:
        path = folder / name
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        i = where % len(lines)
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "replace":
            col = where % max(1, len(lines[i]))
            lines[i] = lines[i][:col] + junk + lines[i][col + len(junk) :]
        else:
            lines.insert(i, junk + "\n")
        path.write_text("".join(lines), encoding="utf-8")
    problems = check_form_files([folder])
    assert all(p.file and p.message for p in problems)
    try:
        load_form(folder / "escalator.yaml")
    except FormError as exc:
        assert exc.problems
