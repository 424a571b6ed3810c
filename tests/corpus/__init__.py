"""Tests of helpers/corpus/."""
