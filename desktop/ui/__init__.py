"""PySide6 only here: windows, wizards, editors, Qt models, the background runner."""
