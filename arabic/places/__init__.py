"""Place names in Arabic text: see :mod:`arabic.places.gazetteer` and README.md."""

from .gazetteer import Gazetteer, Place, PlaceMatch, fold

__all__ = ["Gazetteer", "Place", "PlaceMatch", "fold"]
