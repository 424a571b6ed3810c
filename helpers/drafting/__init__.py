"""Machine drafts of articles: saved pages to articles (ingest), time expressions (timex), mentions, statements,
deadlines, the trained attribution model, and the draft files they make together."""
