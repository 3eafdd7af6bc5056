"""The 绩效自评表 as a spreadsheet: read from the forms offices receive, written in docgen's layout.

In: an ``.xlsx`` file (the 部门整体支出绩效自评表 exported by a budget management system, or
one docgen wrote).  Out: the ``self_evaluation`` block of a content file — its budget and
indicator figures, each with the worksheet cell it came from, so that every problem is
named as ``自评表.xlsx:Sheet1!F12: indicators[3].actual: …`` — and, merged into an
existing ``content/<year>.yaml``, the same file with only those figures changed.
The other way: a checked report → the 自评表 as ``.xlsx`` (``docgen render --xlsx``).

* :mod:`.forms`    the header labels of the published forms and of docgen's own layout;
* :mod:`.workbook` an untrusted .xlsx opened within bounds: cells with merges followed,
                   cached formula values, hidden rows;
* :mod:`.values`   a cell's text or number → an amount, or 指标性质 + value + unit;
* :mod:`.sheets`   which worksheet is the form, where its header rows are;
* :mod:`.read`     the blocks below the headers → self_evaluation data + cell positions,
                   a :class:`~.sheet_form.SheetForm`;
* :mod:`.sheet_form` what a worksheet said: that data, each value's cell, its diagnostics;
* :mod:`.summary_rows` the indicator block's 预算执行率, 总分 and 评价等级 rows;
* :mod:`.check`    that data validated and checked by the rules of
                   :mod:`docgen.content.self_evaluation_check`, diagnostics at cells;
* :mod:`.merge`    that data into an existing content file (ruamel round trip), change by change;
* :mod:`.content`  ``docgen import 自评表.xlsx``'s steps: read, check, merge, check, write;
* :mod:`.write`    self_evaluation → .xlsx in the published layout, byte-identical on rerun.
"""
