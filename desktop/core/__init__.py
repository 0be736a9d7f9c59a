"""The application core: no Qt here, ever (checked by import-linter)."""
