"""Tests of helpers/core/."""
