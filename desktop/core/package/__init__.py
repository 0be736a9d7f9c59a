"""Signed BagIt packages: build, sign, verify, encrypt, split (DESIGN §6).

No Qt, no store: this package imports only core.model, core.catalog, core.text, core.errors
and core.i18n. core.operations calls it with what it read from the store.

API (the contract core.operations builds on)
============================================

minisign.py — Ed25519 keys and signatures in minisign's formats (stock `minisign -V` agrees)
    SecretKey(key_id: bytes[8], seed: bytes[32])        frozen; .public() -> PublicKey
    PublicKey(key_id: bytes[8], key: bytes[32])         frozen; .key_id_hex -> "16 UPPER HEX"
    generate_keypair() -> (SecretKey, PublicKey)
    secret_to_bytes(sk) -> bytes (40 B: key id + seed; the caller stores it in the keyring or
        an encrypted file — never in plain text)        secret_from_bytes(b) -> SecretKey
    public_key_line(pk) -> str                           the base64 line ("RWQ…")
    public_key_file_text(pk, comment="") -> str          "untrusted comment: …\\n<line>\\n"
    parse_public_key(text) -> PublicKey                  a .pub file's text or the bare line
    key_id_hex(key_id: bytes) -> str                     as minisign prints it (fingerprint)
    sign(sk, message: bytes, trusted_comment, untrusted_comment="") -> str   (.minisig text,
        prehashed "ED" = Ed25519 over BLAKE2b-512(message), as minisign 0.11 makes)
    sign_file(sk, path, trusted_comment, ...) -> str    streaming BLAKE2b of a file
    read_signature(text) -> Signature(algorithm, key_id, signature, trusted_comment,
        global_signature, untrusted_comment)            raises SignatureError(code)
    verify(pk, message: bytes, sig_text | Signature) -> Signature   raises SignatureError(code)
        (accepts "ED" and legacy "Ed"; checks the key id, the signature and the global
        signature over signature + trusted comment)
    trusted_comment_fields(text) -> dict[str, str]       "k:v\\tk:v" → {k: v}
    SignatureError(UserError) with .code (a reason code below)

bag.py — the package (one ZIP, ZIP_STORED, BagIt 1.0, RFC 8493)
    DocumentFile(path: Path, kind: str)           a PDF of data/documents/
    AttachmentFile(path: Path, name: str, kind: str = "evidence")   data/attachments/
    build_package(*, dossier: dict, documents: Sequence[DocumentFile | (Path, kind)],
        sources: Sequence[Path], attachments: Sequence[AttachmentFile | (Path, name)],
        unit_code, unit_name, dossier_id, revision: int, revision_of: str | None,
        secret_key, dest_dir, app_version, legal_basis: str, template_set: str,
        bagging_date: date | None = None, progress: Callable[[int, int], None] | None = None)
        -> PackageInfo(path, sha256, key_id, size, file_name, digest_short)
      `dossier` is what the caller knows (schema, dossier_id, revision, unit, round,
      nominations …); build_package fills `documents` and `attachments` ([{path, kind, sha256,
      size}] with the ASCII-safe names it chose), `revision_of`, then validates it against
      hoso-dossier/1 (ValidationError lists the problems) before writing anything.
      Written to a temporary file in dest_dir, flushed, fsynced and os.replace()d.
    package_file_name(unit_code, dossier_id, revision) -> "HSKT_<unit>_<id>_r<rev>.zip"
    safe_name(name) -> str (ASCII, folded) and the collision rule in bag.SafeNames
    trusted_comment_for(dossier_id, revision, unit_code, timestamp) -> str
    short_digest(sha256_hex) -> str     the short digest printed on paper ("ABCD-EFGH-IJKL")

verify.py — reading a package without extracting it
    Limits(max_entries=10_000, max_entry_size=512 MiB, max_total_size=2 GiB,
           max_tag_file_size=8 MiB, max_dossier_json=32 MiB, max_name_length=255)
    verify_package(path, trusted_keys: Mapping[str key_id_hex, PublicKey] | None = None, *,
        limits=Limits(), extract_to: Path | None = None) -> VerifyReport
      Never raises for a bad package: refusals come back as reasons. Raises
      PackageUnreadable (UserError) only when the file cannot be read at all (missing,
      permission, I/O error, a split part set that is incomplete).
      `.age` files: decrypt first with encrypt.decrypt_file; `.zip.001` parts: reassembled
      through split.join_parts into a temporary file.
    VerifyReport(ok: bool, reasons: list[Reason], path, sha256, key_id (hex or ""),
        key_known: bool | None, trusted_comment, comment_fields: dict, bag_info:
        dict[str, list[str]], dossier: dict | None, files: list[FileEntry(name, size,
        sha256)], payload_oxum, extracted_to)
      .codes -> set of reason codes;  .to_json() -> dict (the --json output)
    Reason(code: str, message: str (Vietnamese via _()), detail: str = "")
    Reason codes (stable, for tests, the UI and the province's scripts) are in
    verify.CODES: unreadable_zip, truncated_zip, duplicate_entry, absolute_path, parent_path,
    backslash_path, bad_name, reserved_name, name_collision, symlink_entry, encrypted_entry,
    bad_compression, too_many_entries, entry_too_large, total_too_large, size_mismatch,
    not_a_bag, bad_bagit_txt, missing_signature, bad_signature_format, bad_signature,
    unknown_key, signature_mismatch (comment vs bag), tagmanifest_mismatch, manifest_mismatch,
    file_missing, file_added, bag_info_invalid, payload_oxum, schema_invalid, dossier_mismatch.

zipsafe.py — the ZIP checks on their own (names, entry types, sizes, bombs)
    check_names / check_entry / LimitedReader — used by verify.py, reusable for receipts.
    safe_extract(zip, names, target) — writes only under `target` (resolved), refusing any
    path that would land outside it.

encrypt.py — age (X25519) through pyrage; `age -d -i identity` opens the result
    generate_identity() -> (identity_str "AGE-SECRET-KEY-1…", recipient_str "age1…")
    encrypt_file(src, recipients: Sequence[str], dest=None) -> Path  (src + ".age", atomic)
    decrypt_file(src, identities: Sequence[str], dest) -> Path
    EncryptionError(UserError)

split.py — e-mail size limits
    part_limit_bytes(profile: ProvinceProfile | None) -> int  ([package] email_part_mb, 20)
    split_file(path, limit) -> SplitResult(parts: list[Path], part_list: Path)
      NAME.zip.001, .002 … and NAME.zip.parts.json {file, size, sha256, parts: [{name, size,
      sha256}]}; a file under the limit is not split (parts == [path]).
    join_parts(any_part_or_list, dest) -> Path  checks every part and the whole; SplitError.

schema.py — hoso-dossier/1 (published at docs/schema/hoso-dossier-1.schema.json)
    SCHEMA_ID, load_schema() -> dict, validate_dossier(d) -> list[Problem] (empty when valid)
"""
