"""docgen: 整体支出绩效评价报告 from structured content.

``content/<year>.yaml`` (what the report says) + ``templates/report.docx`` (how it
looks) → ``out/<year>/<year>年度<unit>整体支出绩效评价报告.docx`` (and ``.pdf``).
"""

__version__ = "0.1.0"
