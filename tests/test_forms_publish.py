"""Form versions published by the office: diff, signature, pull to laptops, pinning."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select
from test_sync_support import (
    deliver,
    file_sync,
    join,
    make_node,
    make_office,
    pull_bundle,
    push_bundle,
)

from inspector_app.checklists import default_forms_dir, load_form
from inspector_app.checklists.diff import diff_forms
from inspector_app.cli.main import main
from inspector_app.core import demo, form_publishing
from inspector_app.core.errors import UserError
from inspector_app.core.forms import current_form_versions, register_form
from inspector_app.core.inspections import start_inspection
from inspector_app.rules.enums import EquipmentKind, HazardClass
from inspector_app.store.ids import new_id
from inspector_app.store.models import (
    Equipment,
    FormPublication,
    FormVersion,
    InspectionEquipment,
    Officer,
    Unit,
)
from inspector_app.sync import forms_publish, keys

SUPERVISOR = "35060010"  # demo.DEMO_OFFICERS


def _block(text: str, item: str) -> tuple[int, int]:
    start = text.index(f"\n      - id: {item}\n") + 1
    end = re.compile(r"^      - id: |^  - id: ", re.M).search(text, start + 10)
    return start, end.start() if end else len(text)


def edited_forms(root: Path) -> Path:
    """A copy of the shipped forms with elevator.yaml edited as a supervisor would: a new
    version number, E01 reworded, E02 removed, E11 no longer serious, E90 added."""
    folder = root / "forms-edit"
    shutil.copytree(default_forms_dir(), folder)
    path = folder / "elevator.yaml"
    t = path.read_text(encoding="utf-8")
    t = t.replace('version: "2026.2"', 'version: "2026.3"')
    t = t.replace("维保合同在有效期内", "维保合同在有效期内并已告知使用单位", 1)
    a, b = _block(t, "E02")
    e02, t = t[a:b], t[:a] + t[b:]
    a, b = _block(t, "E11")
    e11 = re.sub(r"\n +judged_by: .*", "", t[a:b].replace("hazard: serious", "hazard: general"))
    t = t[:a] + e11 + t[b:]
    a, _ = _block(t, "E03")
    t = t[:a] + e02.replace("E02", "E90") + t[a:]
    path.write_text(t, encoding="utf-8")
    return path


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def office(request, tmp_path):
    url = None if request.param == "sqlite" else request.getfixturevalue("make_pg_url")()
    node = make_office(tmp_path, url)
    demo.generate(node.db, node.blobs, equipment=8, seed=3)
    yield node
    node.db.dispose()


def _elevator(node) -> tuple[str, str]:
    with node.db.read() as s:
        eq = s.scalars(
            select(Equipment).where(Equipment.kind == EquipmentKind.ELEVATOR).order_by(Equipment.id)
        ).first()
        return eq.unit_id, eq.id


def _officer(node, cert_no: str = "35060001") -> str:
    with node.db.read() as s:
        return s.scalar(select(Officer.id).where(Officer.cert_no == cert_no))


def _start(node) -> tuple[str, str]:
    """A new inspection of one elevator: its id and the form version it pinned."""
    unit_id, eq_id = _elevator(node)
    with node.db.write() as s:
        insp = start_inspection(
            s, unit_id=unit_id, equipment_ids=[eq_id], lead_officer_id=_officer(node)
        )
        pinned = s.scalar(
            select(InspectionEquipment.form_version_id).where(
                InspectionEquipment.inspection_id == insp.id
            )
        )
        return insp.id, pinned


def _pinned(node, inspection_id: str) -> str:
    with node.db.read() as s:
        return s.scalar(
            select(InspectionEquipment.form_version_id).where(
                InspectionEquipment.inspection_id == inspection_id
            )
        )


def _current(node) -> FormVersion:
    with node.db.read() as s:
        return current_form_versions(s)[EquipmentKind.ELEVATOR]


def test_diff_names_what_a_supervisor_must_review(tmp_path):
    old = load_form(default_forms_dir() / "elevator.yaml")
    new = load_form(edited_forms(tmp_path))
    d = diff_forms(old, new)
    assert [i.id for i in d.added] == ["E90"]
    assert [i.id for i in d.removed] == ["E02"]
    assert [(r.item_id, r.new[-8:]) for r in d.reworded] == [("E01", "并已告知使用单位")]
    assert [(h.item_id, h.old, h.new) for h in d.hazard] == [
        ("E11", HazardClass.SERIOUS, HazardClass.GENERAL)
    ]
    assert [i.id for i in d.otherwise] == ["E11"]  # its failure changed too
    assert not d.same_content and (d.old_version, d.new_version) == ("2026.2", "2026.3")
    same = diff_forms(old, old)
    assert same.empty and same.same_content
    first = diff_forms(None, new)
    assert len(first.added) == len(new.items) and first.old_version is None


def test_published_form_reaches_laptops_new_inspections_use_it_started_ones_keep_theirs(
    tmp_path, office
):
    a, b = make_node(tmp_path, "a"), make_node(tmp_path, "b")
    join(a, office)
    join(b, office)
    file_sync(a, office)
    file_sync(b, office)
    started, old_version = _start(a)
    shipped = load_form(default_forms_dir() / "elevator.yaml")
    with a.db.read() as s:
        assert s.get(FormVersion, old_version).content_hash == shipped.content_hash

    done = form_publishing.publish(
        office.db,
        folder=office.folder,
        paths=[edited_forms(tmp_path)],
        officer_id=SUPERVISOR,
        note="E02 并入 E90",
    )
    [published] = done
    assert [i.id for i in published.diff.added] == ["E90"]
    assert _current(office).id == published.form_version_id
    with office.db.read() as s:
        row = s.get(FormPublication, published.publication_id)
        assert row.officer_name == "王强" and row.replaces_version_id == old_version

    file_sync(a, office)
    file_sync(b, office)
    for node in (a, b):
        assert _current(node).id == published.form_version_id
        with node.db.read() as s:
            assert s.get(FormPublication, published.publication_id).note == "E02 并入 E90"
    # Started before: keeps its version. New ones, on either laptop: the published one.
    assert _pinned(a, started) == old_version
    assert _start(a)[1] == published.form_version_id
    assert _start(b)[1] == published.form_version_id
    with b.db.read() as s:
        form = current_form_versions(s)[EquipmentKind.ELEVATOR]
        assert "E90" in form.content_json and '"E02"' not in form.content_json


def _forge(office, how: str) -> str:
    """A publication written into the office database by someone without its key (or
    altered after signing); returns its id."""
    form = load_form(default_forms_dir() / "elevator.yaml")
    signer = keys.load_or_create_device_keys(office.folder)
    with office.db.write() as s:
        version = register_form(s, form)
        fields = {
            "id": new_id(),
            "origin_device": office.db.device_id(),
            "form_version_id": version.id,
            "kind": form.kind,
            "form_id": form.id,
            "version": form.version,
            "content_hash": form.content_hash,
            "replaces_version_id": None,
            "published_at": dt.datetime.now(dt.UTC).replace(microsecond=0),
            "officer_id": None,
            "officer_name": "",
            "note": "",
            "schema_revision": "0011",
        }
        sign_key, public = signer.sign, signer.sign_public
        if how == "other key":
            sign_key = Ed25519PrivateKey.generate()
            public = keys.DeviceKeys(sign_key, keys.X25519PrivateKey.generate()).sign_public
        text, signature = forms_publish.sign(sign_key, fields)
        if how == "unsigned":
            text, signature = "", b""
        if how == "altered":
            fields["note"] = "改过"
        if how == "wrong content":
            fields["content_hash"] = "0" * 64
            text, signature = forms_publish.sign(sign_key, fields)
        s.add(FormPublication(**fields, statement=text, signature=signature, signer_key=public))
        s.add(Unit(name="同批次的单位", uscc="91350600MA00000009", venue_type="school"))
    return fields["id"]


@pytest.mark.parametrize(
    ("how", "reason"),
    [
        ("unsigned", "not signed"),
        ("other key", "another key"),
        ("altered", "differ from what the office signed"),
        ("wrong content", "does not match the signed content hash"),
    ],
)
def test_a_tampered_publication_is_refused_and_the_rest_of_the_pull_applies(
    tmp_path, office, how, reason
):
    lap = make_node(tmp_path, "lap")
    join(lap, office)
    file_sync(lap, office)
    before = _current(lap).id
    forged = _forge(office, how)
    report = deliver(pull_bundle(office, lap).data, lap)
    [refused] = report.refused_forms
    assert refused.publication_id == forged and reason in refused.reason
    assert refused.reason_zh
    with lap.db.read() as s:
        assert s.get(FormPublication, forged) is None
        assert s.scalar(select(Unit.id).where(Unit.name == "同批次的单位")) is not None
    assert _current(lap).id == before


def test_a_laptop_cannot_publish(tmp_path, office):
    """A laptop that writes a publication itself (signed with its own key) gets it refused
    at the office; the rest of its push applies."""
    lap = make_node(tmp_path, "lap")
    join(lap, office)
    file_sync(lap, office)
    form = load_form(default_forms_dir() / "elevator.yaml")
    own = lap.keys()
    with lap.db.write() as s:
        version = s.scalar(select(FormVersion).where(FormVersion.content_hash == form.content_hash))
        fields = {
            "id": new_id(), "origin_device": lap.db.device_id(), "form_version_id": version.id,
            "kind": form.kind, "form_id": form.id, "version": form.version,
            "content_hash": form.content_hash, "replaces_version_id": None,
            "published_at": dt.datetime.now(dt.UTC).replace(microsecond=0), "officer_id": None,
            "officer_name": "", "note": "", "schema_revision": "0011",
        }  # fmt: skip
        text, signature = forms_publish.sign(own.sign, fields)
        s.add(
            FormPublication(
                **fields, statement=text, signature=signature, signer_key=own.sign_public
            )
        )
        s.add(Unit(name="笔记本新增", uscc="91350600MA00000009", venue_type="school"))
    report = deliver(push_bundle(lap).data, office)
    assert [r.publication_id for r in report.refused_forms] == [fields["id"]]
    with office.db.read() as s:
        assert s.get(FormPublication, fields["id"]) is None
        assert s.scalar(select(Unit.id).where(Unit.name == "笔记本新增")) is not None


def test_publish_refusals(tmp_path, office):
    lap = make_node(tmp_path, "lap")
    join(lap, office)
    path = edited_forms(tmp_path)
    with pytest.raises(UserError, match="only the office publishes"):
        form_publishing.publish(lap.db, folder=lap.folder, paths=[path], officer_id=None)
    with pytest.raises(UserError, match="not a supervisor"):
        form_publishing.publish(
            office.db, folder=office.folder, paths=[path], officer_id="35060001"
        )
    with pytest.raises(UserError, match="nothing to publish"):
        form_publishing.publish(
            office.db,
            folder=office.folder,
            paths=[default_forms_dir() / "elevator.yaml"],
            officer_id=SUPERVISOR,
        )
    same_number = path.parent / "same-number.yaml"
    same_number.write_text(
        path.read_text(encoding="utf-8").replace('version: "2026.3"', 'version: "2026.2"'),
        encoding="utf-8",
    )
    with pytest.raises(UserError, match="new 'version:'"):
        form_publishing.publish(
            office.db, folder=office.folder, paths=[same_number], officer_id=SUPERVISOR
        )
    broken = path.parent / "broken.yaml"
    broken.write_text(
        path.read_text(encoding="utf-8").replace("hazard: general", "hazard: grave", 1),
        encoding="utf-8",
    )
    with pytest.raises(UserError, match=r"forms check.*broken\.yaml:\d+"):
        form_publishing.publish(
            office.db, folder=office.folder, paths=[broken], officer_id=SUPERVISOR
        )
    with office.db.read() as s:
        assert s.scalar(select(FormPublication.id)) is None


def test_cli_diff_publish_and_list(tmp_path, office, capsys):
    path = str(edited_forms(tmp_path))
    base = ["--data-dir", str(office.folder), "--db", office.db.url, "forms"]
    assert main([*base, "diff", path]) == 0
    out = capsys.readouterr().out
    assert "2026.2 → 2026.3" in out
    for line in (
        "+ 新增 E90",
        "- 删除 E02",
        "~ 措辞 E01",
        "! 隐患等级 E11：重大事故隐患 → 一般隐患",
    ):
        assert line in out, out
    assert main([*base, "publish", path, "--officer", SUPERVISOR, "--dry-run"]) == 0
    assert "nothing published" in capsys.readouterr().out
    assert main([*base, "publish", path, "--officer", SUPERVISOR, "--note", "试行"]) == 0
    out = capsys.readouterr().out
    assert "+ 新增 E90" in out and "published elevator 2026.3" in out
    assert main([*base, "publish", path]) == 1
    assert "nothing to publish" in capsys.readouterr().err
    assert main([*base, "publications"]) == 0
    out = capsys.readouterr().out
    assert "2026.3" in out and "王强" in out and "试行" in out and "1 publication(s)" in out
    missing = str(tmp_path / "nope.yaml")
    assert main([*base, "publish", missing]) == 1
    err = capsys.readouterr().err
    assert err.startswith("inspector: error:") and "no such form file" in err
    assert err.count("\n") == 1


def test_mutated_publications_never_crash_the_import_and_are_refused(tmp_path, office):
    """Seeded mutations of a real publication change: ``screen`` never raises; any change to
    a signed field, the statement, the signature or the signer is refused."""
    import random

    from inspector_app.store.models import ChangeLog

    lap = make_node(tmp_path, "lap")
    join(lap, office)
    file_sync(lap, office)
    [published] = form_publishing.publish(
        office.db, folder=office.folder, paths=[edited_forms(tmp_path)], officer_id=SUPERVISOR
    )
    with office.db.read() as s:
        entries = {
            e.table_name: e
            for e in s.scalars(
                select(ChangeLog).where(
                    ChangeLog.table_name.in_(["form_publications", "form_versions"])
                )
            )
            if e.row_id in (published.publication_id, published.form_version_id)
        }

    def change(table: str, payload: dict) -> dict:
        e = entries[table]
        return {"table": table, "row_id": e.row_id, "op": "upsert", "clock": e.clock,
                "device_id": e.device_id, "payload": payload}  # fmt: skip

    good = dict(entries["form_publications"].payload)
    version = change("form_versions", dict(entries["form_versions"].payload))
    office_key = office.keys().sign_public
    office_id = office.db.device_id()
    protected = set(forms_publish.SIGNED) | {"statement", "signature", "signer_key", "deleted"}
    rng = random.Random(12)
    junk = [None, 0, -1, 2**70, 1.5, "", "x" * 5000, [], {}, {"b64": "!!"}, {"b64": "AAAA"},
            True, "2026-13-45", "\ud800", "0" * 64]  # fmt: skip
    with lap.db.read() as s:
        kept, refused = forms_publish.screen(
            s, [version, change("form_publications", good)],
            office_sign_key=office_key, office_device=office_id,
        )  # fmt: skip
        assert refused == [] and len(kept) == 2
        counts = {"refused": 0, "kept": 0}
        for _ in range(400):
            payload = dict(good)
            key = rng.choice(sorted(payload))
            how = rng.randrange(4)
            if how == 0:
                payload[key] = rng.choice(junk)
            elif how == 1:
                del payload[key]
            elif how == 2 and isinstance(payload[key], str) and payload[key]:
                i = rng.randrange(len(payload[key]))
                payload[key] = (
                    payload[key][:i] + chr(rng.randrange(32, 0x3000)) + payload[key][i + 1 :]
                )
            else:
                payload["extra"] = rng.choice(junk)
            if payload == good:
                continue
            kept, refused = forms_publish.screen(
                s, [version, change("form_publications", payload)],
                office_sign_key=office_key, office_device=office_id,
            )  # fmt: skip
            assert len(kept) + len(refused) == 2
            if refused:
                counts["refused"] += 1
                assert refused[0].reason and refused[0].reason_zh
            else:
                counts["kept"] += 1
                assert key not in protected and "extra" not in payload, (key, payload[key])
    assert counts["refused"] > 300


def test_publishing_a_folder_publishes_only_its_changed_forms(tmp_path, office, capsys):
    """After an edit of common.yaml every form changes; here only elevator.yaml did."""
    folder = edited_forms(tmp_path).parent
    with pytest.raises(UserError, match="nothing to publish"):
        form_publishing.publish(
            office.db, folder=office.folder, paths=[default_forms_dir()], officer_id=SUPERVISOR
        )
    base = ["--data-dir", str(office.folder), "--db", office.db.url, "forms"]
    assert main([*base, "publish", str(folder), "--officer", SUPERVISOR]) == 0
    out = capsys.readouterr().out
    assert "+ 新增 E90" in out and "未修改，不发布" in out
    assert out.count("published ") == 1 and "published elevator 2026.3" in out
    with office.db.read() as s:
        assert [r.form_id for r in form_publishing.publications(s)] == ["elevator"]
