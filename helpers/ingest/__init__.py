"""The first stage: saved pages and texts brought into a corpus (article text, the page kept, a draft), one
reader per kind of input (``readers``), the page's text and metadata (``page_metadata``)."""
