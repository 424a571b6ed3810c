"""Tests of helpers/evaluation/."""
