"""The peer of `taizhang export summary` in `cargo xtask bench`: the same 全县汇总表 written
the way an office scripter would, straight from the database with XlsxWriter (title, header,
one row per responsible department with its latest progress, article headings, wrapped text,
the shared sub-item cells merged, print setup).

    python3 summary_peer.py taizhang.db 2026Q4 out.xlsx
"""
import sqlite3
import sys
from pathlib import Path

import xlsxwriter

HEADERS = ["序号", "编号", "小项内容", "责任单位", "完成时限", "完成状态", "完成进度(%)",
           "工作进展情况", "存在问题", "下一步工作打算", "佐证材料", "预警", "报送情况"]
WIDTHS = [5, 9, 40, 12, 12, 9, 8, 40, 24, 30, 14, 6, 8]

HERE = Path(__file__).parent
LATEST = (HERE / "summary_latest.sql").read_text(encoding="utf-8")
ROWS = (HERE / "summary_rows.sql").read_text(encoding="utf-8")


def main(database, period, out):
    db = sqlite3.connect(database)
    latest = {(row[0], row[1]): row[2:] for row in db.execute(LATEST, (period,))}
    book = xlsxwriter.Workbook(out)
    sheet = book.add_worksheet("全县汇总")
    title = book.add_format({"bold": True, "font_size": 16, "align": "center", "valign": "vcenter"})
    header = book.add_format({"bold": True, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True, "bg_color": "#D9E1F2"})
    group = book.add_format({"bold": True, "border": 1, "bg_color": "#F2F2F2", "text_wrap": True})
    cell = book.add_format({"border": 1, "valign": "top", "text_wrap": True})
    centred = book.add_format({"border": 1, "align": "center", "valign": "vcenter", "text_wrap": True})
    for column, width in enumerate(WIDTHS):
        sheet.set_column(column, column, width)
    sheet.merge_range(0, 0, 0, len(HEADERS) - 1, f"全县工作进展汇总表（{period}）", title)
    sheet.write_row(1, 0, HEADERS, header)
    sheet.repeat_rows(1)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    row, article, seq, first_of_subitem, last_id = 2, None, 0, 2, None
    rows = db.execute(ROWS).fetchall()
    for index, (sid, code, text, article_title, department, role, deadline) in enumerate(rows):
        if article_title != article:
            article = article_title
            sheet.merge_range(row, 0, row, len(HEADERS) - 1, article, group)
            row += 1
        if sid != last_id:
            seq, first_of_subitem, last_id = seq + 1, row, sid
        status, percent, progress, problems, next_steps, state = latest.get((sid, department), ("未填报", "", "", "", "", None))
        sheet.write_row(row, 3, [f"{department}\n（{'牵头' if role == 'lead' else '配合'}）", deadline, status], centred)
        sheet.write(row, 6, percent, centred)
        sheet.write_row(row, 7, [progress, problems, next_steps, ""], cell)
        sheet.write_row(row, 11, ["", "已报送" if state == "submitted" else "未报送"], centred)
        last_of_subitem = index + 1 == len(rows) or rows[index + 1][0] != sid
        for column, value in ((0, seq), (1, code), (2, text)):
            if last_of_subitem and row > first_of_subitem:
                sheet.merge_range(first_of_subitem, column, row, column, value, cell)
            elif last_of_subitem:
                sheet.write(row, column, value, cell)
        row += 1
    book.close()


if __name__ == "__main__":
    main(*sys.argv[1:4])
