"""onrecord: who said what, when, and on whose authority."""
