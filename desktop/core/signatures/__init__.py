"""Digital signatures on the dossier's PDFs (issue 15): the certificates the app trusts, the
offline check of every signature of a signed PDF, and the check that a signed copy is the
app's original plus signature updates only.

This app prepares documents for signing and takes the signed files back; it never signs
with a token itself (software that does is regulated "signing software" under Decree
23/2025 and Circular 15/2025/TT-BKHCN, whose duties, such as checking revocation online
before signing, an offline app cannot meet). Same layer as core.documents and core.package:
it imports neither, nor the store; core.operations joins them.
"""
