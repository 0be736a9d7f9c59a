"""Rounds, nominations, the council meeting and the dossier checklist (issue 4)."""
