"""What a reader sees: charts, widgets, tables and banners, the article reader, the review notebook's widget
(its edits are corpus.review_edits), executing notebooks (findings log) and rendering them to pages
(report)."""
