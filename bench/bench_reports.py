"""Directive rendering speed against a bare reportlab document.

A directive with 20 findings and 6 photos (1600x1200 camera frames stored as
~800 px JPEG, as the photo pipeline keeps them). The baseline lays out the same
text as plain Paragraphs in the same font with the same images and no template
logic, so the ratio shows what tables, header/footer stamping, QR and digest cost.

    .venv/bin/python bench/bench_reports.py [--runs 21]

Targets: median <= 150 ms, ratio <= 2.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.lib.units import mm  # noqa: E402
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer  # noqa: E402

from inspector_app.reports import render_directive  # noqa: E402
from inspector_app.reports import styles as st  # noqa: E402
from inspector_app.reports.common import image_size  # noqa: E402
from inspector_app.reports.directive import (  # noqa: E402
    PROBLEMS_LEAD,
    REPORT_BACK,
    STOP_USE,
    TITLE,
    remedies_text,
)
from inspector_app.reports.model import DirectiveDoc  # noqa: E402
from inspector_app.reports.samples import sample_directive  # noqa: E402

TARGET_MS = 150
TARGET_RATIO = 2.0


def bare_render(doc: DirectiveDoc) -> bytes:
    """Same words and images, plain Paragraph flow, no tables/template/QR."""
    body = st.styles()["body"]
    texts = [doc.authority_name, TITLE, doc.number]
    u = doc.unit
    texts += [u.name, u.uscc, u.legal_representative, u.address, u.contact_name, u.contact_phone]
    for eq in doc.equipment:
        texts.append(
            f"{eq.name} {eq.kind} {eq.registration_code} {eq.certificate_no} {eq.location}"
        )
    texts.append(PROBLEMS_LEAD)
    for p in doc.problems:
        texts += [f"{p.seq}．{p.description}", f"违反了{p.provision}的规定。"]
        if p.judged_by:
            texts.append(f"依据{p.judged_by}，判定为重大事故隐患。")
    texts.append(f"根据{doc.order_basis}的规定，现责令你（单位）：")
    if doc.has_serious:
        texts.append(STOP_USE)
    texts.append(f"于{doc.deadline}前采取以下措施：")
    texts += [f"{p.seq}．{p.measure}" for p in doc.problems]
    texts.append(REPORT_BACK.format(authority=doc.authority_name))
    texts.append("逾期未改正的，依照" + "、".join(p.penalty for p in doc.problems if p.penalty))
    texts += [remedies_text(doc)] + [f"{o.name} {o.cert_no}" for o in doc.officers]
    story = [Paragraph(t, body) for t in texts]
    for p in doc.problems:
        for photo in p.photos:
            w, h = image_size(photo.image_bytes)
            scale = min(st.FRAME_WIDTH / w, 92 * mm / h)
            story += [
                Image(io.BytesIO(photo.image_bytes), w * scale, h * scale),
                Paragraph(photo.caption, body),
                Spacer(1, 5 * mm),
            ]
    buf = io.BytesIO()
    SimpleDocTemplate(buf, invariant=1).build(story)
    return buf.getvalue()


def median_ms(fn, doc, runs: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn(doc)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()

    doc = sample_directive(20, 6)
    t0 = time.perf_counter()
    st.ensure_fonts()  # once per process, in the app too
    font_ms = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    pdf = render_directive(doc)
    first_ms = (time.perf_counter() - t0) * 1000
    bare_render(doc)  # warm the baseline too

    # interleave so both see the same machine load
    ours, bare = [], []
    for _ in range(args.runs):
        ours.append(median_ms(render_directive, doc, 1)[0])
        bare.append(median_ms(bare_render, doc, 1)[0])
    ours_med, bare_med = statistics.median(ours), statistics.median(bare)
    ratio = ours_med / bare_med

    print(f"directive: 20 findings, 6 photos, {len(pdf) / 1024:.0f} KiB")
    print(f"font registration (once per process): {font_ms:.0f} ms; first render {first_ms:.0f} ms")
    print(
        f"render_directive median over {args.runs} runs: {ours_med:.1f} ms "
        f"(min {min(ours):.1f}, max {max(ours):.1f})"
    )
    print(
        f"bare reportlab median over {args.runs} runs:   {bare_med:.1f} ms "
        f"(min {min(bare):.1f}, max {max(bare):.1f})"
    )
    print(f"ratio: {ratio:.2f}  (targets: median <= {TARGET_MS} ms, ratio <= {TARGET_RATIO})")
    ok = ours_med <= TARGET_MS and ratio <= TARGET_RATIO
    print("OK" if ok else "OVER TARGET")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
