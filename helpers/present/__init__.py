"""What a reader sees: charts, widgets, tables and banners, the article reader, the review notebook's logic and
widget, executing notebooks (findings log) and rendering them to pages (report)."""
