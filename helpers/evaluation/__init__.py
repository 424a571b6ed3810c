"""How good the drafts are: gold corpora readers, scorers, the evaluation run, agreement with reviews, the
measured error rates, and training the attribution model."""
