"""Tests of helpers/analysis/."""
