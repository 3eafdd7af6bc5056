"""Content: a ``content/<year>.yaml`` file in, a validated and checked :class:`Report` out.

load (YAML text → plain data with the line and column of every value) → model
(pydantic: typed, exact ``Decimal`` amounts, unknown keys refused) → check
(totals, counts, typography) → diagnostics, every one ``file:line:col: field: message``.
Also here: next year's file (``docgen new``: :mod:`.newyear`, what stays last year's in
:mod:`.last_year`) and the comparison of two years (``docgen diff``:
:mod:`.compare`, shown by :mod:`.compare_view`).
"""
