"""One function per user intention. The UI changes data only through these."""
