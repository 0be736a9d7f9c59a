"""The dossier documents: one block model, rendered to DOCX and PDF (DESIGN §5)."""
