"""Marsad: Arabic news in, a clean deduplicated SQL database of events out."""

__version__ = "0.1.0"
