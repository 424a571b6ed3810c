"""What every layer uses: problems (path:line, what, fix), date windows, sentences and paragraphs, anchoring words."""
