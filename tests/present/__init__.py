"""Tests of helpers/present/."""
