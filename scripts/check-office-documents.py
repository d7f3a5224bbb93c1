#!/usr/bin/env python3
"""Reads marac's Word and Excel exports with independent readers (python-docx, openpyxl) and
checks what a coordinator relies on. Usage: check-office-documents.py MINUTES.docx ACTIONS.xlsx
Prints one line per failed check and exits 1 if any failed; prints "ok" and exits 0 otherwise."""
import datetime
import sys
import zipfile

import docx
import openpyxl

MARKING = "RESTRICTED when complete (OFFICIAL-SENSITIVE)"
problems = []


def check(condition, message):
    if not condition:
        problems.append(message)


def check_docx(path):
    d = docx.Document(path)
    styles = [p.style.name for p in d.paragraphs]
    check("Heading 1" in styles, "docx: no Heading 1")
    check(styles.count("Heading 2") >= 5, "docx: fewer than five Heading 2 sections")
    check(any(p.style.name == "Heading 2" and p.text == "Attendance" for p in d.paragraphs), "docx: no 'Attendance' heading")
    check(len(d.tables) >= 3, "docx: fewer than three tables")
    header_rows = 0
    for t in d.tables:
        first = t.rows[0]._tr
        header_rows += 1 if first.find(".//{*}tblHeader") is not None else 0
        for row in t.rows:
            check(row._tr.find(".//{*}cantSplit") is not None, "docx: a table row may split across pages")
        borders = t._tbl.tblPr.find("{*}tblBorders")
        check(borders is not None and borders.find("{*}insideH") is not None, "docx: a table has no borders")
    check(header_rows == len(d.tables), "docx: a table's header row does not repeat")
    section = d.sections[0]
    check(MARKING in "".join(p.text for p in section.header.paragraphs), "docx: the page header lacks the marking")
    footer_xml = section.footer._element.xml
    check(" PAGE " in footer_xml and " NUMPAGES " in footer_xml, "docx: the footer lacks PAGE / NUMPAGES fields")
    check("Page" in "".join(p.text for p in section.footer.paragraphs), "docx: the footer lacks 'Page X of Y'")
    check(abs(section.page_width.mm - 210) < 1 and abs(section.page_height.mm - 297) < 1, "docx: the page is not A4")
    check(section.page_width < section.page_height, "docx: the page is not portrait")
    check(15 <= section.left_margin.mm <= 30, "docx: the side margin is not sensible")
    body = "\n".join(p.text for p in d.paragraphs)
    check("Confidential: this document is for the agencies" in body, "docx: no confidentiality reminder")


def check_xlsx(path):
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    check(ws.freeze_panes == "A2", "xlsx: the header row is not frozen (%r)" % ws.freeze_panes)
    check(ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A1:"), "xlsx: no filter on the header row")
    check(MARKING in (ws.oddHeader.center.text or ""), "xlsx: the print header lacks the marking")
    check(ws.page_setup.fitToWidth in (1, "1") and ws.sheet_properties.pageSetUpPr.fitToPage, "xlsx: not fitted to the page width")
    check(ws.print_title_rows in ("1:1", "$1:$1"), "xlsx: the header row does not repeat on printed pages (%r)" % ws.print_title_rows)
    header = [c.value for c in ws[1]]
    check("Due" in header and "Action" in header, "xlsx: header row %r" % header)
    due = header.index("Due") + 1 if "Due" in header else 1
    dates = [ws.cell(row=r, column=due) for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=due).value is not None]
    check(len(dates) > 0, "xlsx: no due dates")
    for c in dates:
        check(isinstance(c.value, datetime.datetime) and c.is_date, "xlsx: due date %s is not a date cell (%r)" % (c.coordinate, c.value))
    with zipfile.ZipFile(path) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        for name in sheets:
            check(b"<f>" not in z.read(name), "xlsx: %s holds a formula" % name)
    for row in ws.iter_rows(min_row=2):
        for c in row:
            if isinstance(c.value, str):
                check(not c.value.startswith("'"), "xlsx: %s shows an apostrophe" % c.coordinate)


check_docx(sys.argv[1])
check_xlsx(sys.argv[2])
for p in problems:
    print(p)
print("ok" if not problems else "%d problem(s)" % len(problems))
sys.exit(1 if problems else 0)
