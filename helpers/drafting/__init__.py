"""Machine drafts of articles: time expressions (timex), mentions, statements, deadlines, the trained
attribution model and entity tagger, and the draft files they make together."""
