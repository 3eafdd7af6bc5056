"""Content: a ``content/<year>.yaml`` file in, a validated and checked :class:`Report` out.

load (YAML text → plain data with the line and column of every value) → model
(pydantic: the general outline — title, front matter, sections and blocks — typed,
exact ``Decimal`` amounts, unknown keys refused; a file of the four-section format of
2020 read by :mod:`.legacy` into the same model) → check (totals, counts, typography,
the outline's nesting, walked by :mod:`.outline`) → diagnostics, every one
``file:line:col: field: message``.  ``docgen upgrade`` rewrites a four-section file
(:mod:`.upgrade`).
Also here: next year's file (``docgen new``: :mod:`.newyear`, what stays last year's in
:mod:`.last_year`) and the comparison of two years (``docgen diff``:
:mod:`.compare`, shown by :mod:`.compare_view`).
"""
