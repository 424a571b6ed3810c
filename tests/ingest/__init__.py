"""Tests of helpers/ingest/."""
