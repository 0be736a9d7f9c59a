"""Signed BagIt packages: build, sign, verify, encrypt, receipts (DESIGN §6)."""
