"""Session fixtures: each language pipeline is loaded once."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kiebitz.nlp import load


@pytest.fixture(scope="session")
def de() -> Language:
    return load("de")


@pytest.fixture(scope="session")
def en() -> Language:
    return load("en")
