"""Tables that reflow on a phone: each cell carries its column's header, so that under a width the
stylesheet (``trasparenza.css``, ``.tp-impila``) can show a row as a card of «header: value» lines
instead of a grid that scrolls or squeezes words. The table stays a table for assistive technology
(the header cells and their scope are untouched); the label drawn before a cell is silent
(generated content with empty alternative text), since the column header is announced anyway.

Only simple tables reflow: one header row, no merged cells in the header and body (a total in the
footer may span), no table inside a cell, at least three columns (two fit a phone as they are). The others scroll inside their region as before.
"""

from __future__ import annotations

import html
import re

_TABLE = re.compile(r'<table class="tp-tabella(?P<classes>[^"]*)">(?P<body>.*?)</table>', re.S)
_THEAD = re.compile(r"<thead>(.*?)</thead>", re.S)
_TBODY = re.compile(r"(<tbody>)(.*?)(</tbody>)", re.S)
_ROW = re.compile(r"<tr\b[^>]*>", re.S)
_HEADER = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
_CELL = re.compile(r"<(td|th)\b")
_TAGS = re.compile(r"<[^>]+>")
MIN_COLUMNS = 3


def reflowing(page_html: str) -> str:
    """Every simple ``tp-tabella`` of a page, marked to reflow and with its cells labelled."""
    if "tp-tabella" not in page_html:
        return page_html
    return _TABLE.sub(_label, page_html)


def _label(match: re.Match) -> str:
    body = match.group("body")
    head = _THEAD.search(body)
    rows = "".join(m.group(0) for m in _TBODY.finditer(body)) + (head.group(1) if head else "")
    if ("tp-impila" in match.group("classes") or not head or "<table" in body or "colspan" in rows or "rowspan" in rows
            or len(_ROW.findall(head.group(1))) != 1):
        return match.group(0)
    headers = [" ".join(html.unescape(_TAGS.sub("", cell)).split()) for cell in _HEADER.findall(head.group(1))]
    if len(headers) < MIN_COLUMNS:
        return match.group(0)
    labels = [html.escape(text, quote=True) for text in headers]

    def rows(tbody: re.Match) -> str:
        out = []
        for index, row in enumerate(_ROW.split(tbody.group(2))):
            if index == 0:
                out.append(row)  # whatever precedes the first row
                continue
            column = iter(range(len(labels) + 1))
            out.append(_CELL.sub(lambda cell: _cell(cell, labels, next(column)), row))
        return tbody.group(1) + "".join(_rejoin(tbody.group(2), out)) + tbody.group(3)

    body = _TBODY.sub(rows, body)
    return f'<table class="tp-tabella{match.group("classes")} tp-impila">{body}</table>'


def _cell(cell: re.Match, labels: list[str], column: int) -> str:
    if column >= len(labels) or not labels[column]:
        return cell.group(0)
    return f'{cell.group(0)} data-etichetta="{labels[column]}"'


def _rejoin(original: str, pieces: list[str]) -> list[str]:
    """The row openings that the split removed, put back between the rewritten pieces."""
    openings = _ROW.findall(original)
    joined = [pieces[0]]
    for opening, piece in zip(openings, pieces[1:]):
        joined += [opening, piece]
    return joined
