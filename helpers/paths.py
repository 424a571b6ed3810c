"""Where the project keeps what it generates and what it ships beside the package (one answer each)."""
from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
PROJECT = PACKAGE.parent  # the checkout: notebooks/, data/, tests/, reports/
CACHE = PROJECT / ".cache"  # generated: corpus caches, downloaded page assets
GOLD_SETS = PACKAGE / "evaluation" / "gold"  # hand-checked gold sets of our own (names and offsets, no text)
MODELS = PACKAGE / "drafting" / "models"  # trained models and their measured error rates, shipped with the package
SEED_FIXTURE = PROJECT / "tests" / "fixtures" / "seed"  # the seed article as the tests keep it
