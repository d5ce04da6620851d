"""Trasparenza: publish a comune's PIAO as an accessible static site.

The core (loading, model, validation, page plan, rendering) does not import MkDocs;
`trasparenza.plugin` is the thin adapter to MkDocs.
"""

__version__ = "0.1.0"
