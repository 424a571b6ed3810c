"""newsdesk helpers: load annotated articles, check them, analyse and chart them."""
from .corpus import Corpus, load_corpus, validate_corpus
from .problems import CorpusError, Problem

__all__ = ["Corpus", "CorpusError", "Problem", "load_corpus", "validate_corpus"]
