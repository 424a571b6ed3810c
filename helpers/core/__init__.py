"""What every layer uses: problems (path:line, what, fix), input limits, date windows, sentences and
paragraphs, anchoring words."""
