"""tutor: learn the math behind machine learning by writing it."""

__version__ = "0.1.0"
