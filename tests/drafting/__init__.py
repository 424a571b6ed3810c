"""Tests of helpers/drafting/."""
