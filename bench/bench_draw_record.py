"""The 抽查记录 (draw record) of a city's annual plan against a bare reportlab table.

A plan of 5,500 drawn units (a 50,000-unit city at the default ratios), a third of them
重点 with their reasons printed under the name. The baseline lays out the same rows as one
plain-string table in the same font on A4 with no header block, template or fingerprint,
so the ratio shows what the record's layout costs over the least any PDF of the list costs.

    .venv/bin/python -m bench.bench_draw_record [--rows 5500] [--runs 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Table

from bench.common import report, time_each
from inspector_app.reports import styles as st
from inspector_app.reports.draw_record import (
    DrawnLine,
    DrawRecordDoc,
    StratumLine,
    render_draw_record,
)

DISTRICTS = ("芗城区", "龙文区", "龙海区", "长泰区", "漳浦县")


def sample(rows: int) -> DrawRecordDoc:
    lines = tuple(
        DrawnLine(
            order=i + 1,
            unit=f"漳州市{DISTRICTS[i % 5]}第{i + 1}实验小学",
            district=DISTRICTS[i % 5],
            stratum="重点" if i % 3 == 0 else "一般",
            reasons="场所类型：学校；近两年发生事故" if i % 3 == 0 else "",
            officers=f"张伟 350600{i % 90:02d}、李娜 350601{i % 90:02d}",
        )
        for i in range(rows)
    )
    return DrawRecordDoc(
        authority_name="漳州市市场监督管理局", plan_name="2026年度特种设备双随机抽查计划",
        plan_id="0" * 36, year=2026, scope="全市，全部设备种类",
        drawn_at=dt.datetime(2026, 1, 5, 9, 30), drawn_by="王局长", algorithm="sha256-rank-v1",
        seed="2026-01-05 抽查会议", pool_units=50_000, pool_officers=90, recusals=12,
        excluded_units=40, pool_sha256="a" * 64, result_sha256="b" * 64,
        strata=(StratumLine("重点单位", 5_500, "30%", rows // 3),
                StratumLine("一般单位", 44_500, "8%", rows - rows // 3)),
        priority_rules="总局令第57号第九条", rows=lines, due_on=dt.date(2026, 12, 31),
    )  # fmt: skip


def bare(doc: DrawRecordDoc) -> bytes:
    st.ensure_fonts()
    data = [["序号", "被检查单位", "区县", "类别", "检查人员"]] + [
        [str(r.order), r.unit + (f"\n{r.reasons}" if r.reasons else ""), r.district,
         r.stratum, r.officers]
        for r in doc.rows
    ]  # fmt: skip
    table = Table(data, colWidths=[12 * mm, 70 * mm, 22 * mm, 14 * mm, st.FRAME_WIDTH - 118 * mm],
                  repeatRows=1)  # fmt: skip
    table.setStyle([("FONTNAME", (0, 0), (-1, -1), st.FONT_NAME), ("FONTSIZE", (0, 0), (-1, -1), 9),
                    ("GRID", (0, 0), (-1, -1), 0.5, st.RULE)])  # fmt: skip
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build([table])
    return out.getvalue()


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=5_500)
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args()
    doc = sample(args.rows)
    render_draw_record(doc)  # fonts loaded once, as in the app
    base = time_each(lambda _i: bare(doc), args.runs)
    record = time_each(lambda _i: render_draw_record(doc), args.runs)
    report("bare table, same rows", base)
    report(f"抽查记录, {args.rows} drawn units", record, base)


if __name__ == "__main__":
    main()
