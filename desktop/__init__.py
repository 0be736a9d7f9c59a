"""Hồ sơ Khen thưởng — commendation dossiers for Vietnamese TĐKT officers."""

__version__ = "0.1.0"
