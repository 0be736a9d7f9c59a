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
    DocumentFile(path: Path, kind: str)           a PDF of data/documents/ (or a source)
    AttachmentFile(path: Path, name: str, kind: str = "evidence")   data/attachments/
    build_package(*, dossier: Mapping, documents: Sequence[DocumentFile | (Path, kind)],
        sources: Sequence[Path | DocumentFile], attachments: Sequence[AttachmentFile |
        (Path, original name)], unit_code, unit_name, dossier_id, revision: int,
        revision_of: str | None (SHA-256 of the previous revision's ZIP; required when
        revision > 1, None for 1), secret_key, dest_dir, app_version, legal_basis: str,
        template_set: str, bagging_date: date | None = None, now: datetime | None = None,
        progress: Callable[[done_bytes, total_bytes], None] | None = None)
        -> PackageInfo(path, sha256, key_id, size, trusted_comment; .file_name,
                       .digest_short "ABCD-EF01-2345" for the printed pages)
      `dossier` is what the caller knows (unit, round, nominations …); build_package sets
      schema, dossier_id, revision, revision_of, app_version, created_at, and fills
      `documents`, `sources`, `attachments` ([{path, kind, sha256, size, name?}] with the
      ASCII-safe names it chose). The dossier is validated against hoso-dossier/1 before any
      input is read (ValidationError listing the problems; nothing written). The ZIP goes to
      a temporary file in dest_dir: written, flushed, fsynced, renamed; on any failure the
      temporary file is removed. The signature's trusted comment is
      "timestamp:…\tfile:tagmanifest-sha256.txt\tdossier:<id>\trevision:<n>\tunit:<code>\thashed".
    package_file_name(unit_code, dossier_id, revision) -> "HSKT_<unit>_<id>_r<rev>.zip"
    safe_name(name) -> ASCII name; SafeNames().take(folder, name) (collisions → -2, -3 …)
    trusted_comment_for(dossier_id, revision, unit_code, timestamp) -> str
    short_digest(sha256_hex) -> str

verify.py — reading a package without extracting it (docs/package-format.md is its grammar)
    verify_package(path, trusted_keys: Mapping[key id hex, PublicKey] | None = None, *,
        limits: Limits | None = None, extract_to: Path | None = None) -> VerifyReport
      A bad package never raises: refusals come back as reasons. PackageUnreadable
      (UserError) only when the file cannot be opened or read (missing, a folder, I/O).
      Without trusted_keys everything else is checked and the report carries key_not_given
      (so it is not ok: a package is valid only against a key the receiver trusts).
      `.zip.001` / `.zip.parts.json`: the parts are joined into a temporary file first
      (missing or changed part → part_missing / part_mismatch). `.age`: decrypt first with
      encrypt.decrypt_file (desktop/cli/package.py does it for --identity).
      extract_to: after every check passed, the files are written under that folder only.
    VerifyReport(path, reasons: list[Reason], sha256, size, key_id, key_known, trusted_comment,
        comment_fields, bag_info: dict[str, list[str]], dossier: dict | None,
        files: list[FileEntry(name, size, sha256)], payload_oxum, extracted_to)
      .ok, .codes, .info(label), .dossier_id, .revision, .to_json() (the --json output)

reasons.py — CODES (code → Vietnamese message, one code per class of defect, listed with
    its rule in docs/package-format.md), Reason(code, message, detail), reason(code, detail)
zipformat.py — the package ZIP's strict grammar: parse(handle, file_size, limits) ->
    (members: list[Member(name, offset, data_offset, size, crc)], findings); members are
    only returned when there is no finding. read_member(handle, member, sink) streams one
    member and checks its CRC-32 (EntryError crc_mismatch).
bagcheck.py — the BagIt layer: allowed files, fetch.txt, every manifest present (sha256
    required; md5, sha1, sha512 checked when present), bag-info.txt, Payload-Oxum.
strictjson.py — loads(bytes | str): RFC 8259 only (no NaN/Infinity, duplicate keys, lone
    surrogates; integers ≤ 15 digits, depth ≤ 32); StrictJSONError(code, detail).
dossier_check.py — load(data, max_bytes) -> (dossier | None, findings): strict JSON, the
    schema's limits with their own codes, the cross-field rules (council counts, dates).

zipsafe.py — ZIP checks for any ZIP (names, limits, extraction); the lenient ones over
    zipfile's ZipInfo serve ZIPs other programs make (.xlsx)
    Limits(max_entries=10_000, max_entry_size=512 MiB, max_total_size=2 GiB,
           max_tag_file_size=8 MiB, max_dossier_json=2 MiB, max_name_length=255,
           max_ratio=200)
    check_name(name, limits), structure_findings(infos, limits), layout_findings(handle,
    infos, start_dir, file_size), central_directory_count(handle), name_key(name),
    read_entry(handle, info, limit, sink) (raises EntryError(code, detail)),
    safe_extract(names, target, limits, write(name, sink))

encrypt.py — age (X25519) through pyrage; `age -d -i identity` opens the result
    generate_identity() -> (identity "AGE-SECRET-KEY-1…", recipient "age1…")
    encrypt_file(src, recipients: Sequence[str], dest=None) -> Path  (src + ".age", atomic)
    decrypt_file(src, identities: Sequence[str], dest) -> Path       EncryptionError

split.py — e-mail size limits
    part_limit_bytes(profile: ProvinceProfile) -> int  ([transport] email_max_mb)
    split_file(path, limit, dest_dir=None) -> SplitResult(parts, part_list | None)
      NAME.zip.001, .002 … and NAME.zip.parts.json {format "hoso-parts/1", file, size,
      sha256, parts: [{name, size, sha256}]}; a file within the limit is not split.
    join_parts(any_part_or_list, dest_dir) -> Path   SplitError(code part_missing|part_mismatch)

schema.py — hoso-dossier/1 (published at docs/schema/hoso-dossier-1.schema.json)
    SCHEMA_ID, load_schema() -> dict, schema_text(), validate_dossier(d) -> list[Problem]

The command line over these (`hoso package verify|inspect|…`) is desktop/cli/package.py.
"""
