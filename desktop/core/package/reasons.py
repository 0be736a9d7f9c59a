"""Why a package is refused: one stable code per class of defect, and what the officer reads.

The codes are the contract (tests, `--json`, other programs match them); the Vietnamese
texts are translated at display time. docs/package-format.md lists which rule each code
enforces.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.i18n import N_, _

# The ZIP container (docs/package-format.md §2).
_ZIP: dict[str, str] = {
    "unreadable_zip": N_("Tệp không phải là gói hồ sơ (không phải tệp ZIP). Hãy kiểm tra "
                         "đúng tệp HSKT_….zip do đơn vị gửi."),
    "truncated_zip": N_("Gói bị cắt cụt hoặc hỏng (chép chưa xong?). Hãy chép lại hoặc xin "
                        "đơn vị gửi lại."),
    "crc_mismatch": N_("Một tệp trong gói bị hỏng (sai mã kiểm tra CRC). Hãy chép lại gói."),
    "duplicate_entry": N_("Gói có hai mục trùng tên. Gói không hợp lệ; hãy xin gửi lại."),
    "absolute_path": N_("Gói chứa đường dẫn tuyệt đối (có thể ghi đè tệp ngoài thư mục). "
                        "Gói bị từ chối."),
    "parent_path": N_("Gói chứa đường dẫn '..' (có thể ghi ra ngoài thư mục). Gói bị từ chối."),
    "backslash_path": N_("Gói chứa tên tệp có dấu '\\'. Gói không hợp lệ; hãy xin gửi lại."),
    "bad_name": N_("Gói chứa tên tệp không hợp lệ (ký tự điều khiển, ký tự cấm, chữ ngoài "
                   "bảng ASCII, quá dài). Hãy xin gửi lại."),
    "reserved_name": N_("Gói chứa tên tệp Windows không cho phép (CON, PRN, AUX, NUL, COM1…, "
                        "LPT1…, hoặc kết thúc bằng dấu chấm, dấu cách). Hãy xin gửi lại."),
    "name_collision": N_("Gói có hai tên tệp trùng nhau khi không phân biệt hoa thường hoặc "
                         "cách gõ dấu. Hãy xin gửi lại."),
    "symlink_entry": N_("Gói chứa liên kết tượng trưng (symlink). Gói bị từ chối."),
    "special_entry": N_("Gói chứa mục không phải tệp thường (thiết bị, FIFO). Gói bị từ chối."),
    "directory_entry": N_("Gói chứa mục thư mục (tên kết thúc bằng '/'). Gói do phần mềm tạo "
                          "không có mục này, và nó có thể giấu dữ liệu. Gói bị từ chối."),
    "bad_mode": N_("Một tệp trong gói có quyền truy cập hoặc thuộc tính lạ (gói do phần mềm "
                   "tạo chỉ có tệp thường rw-r--r--). Gói bị từ chối."),
    "encrypted_entry": N_("Gói chứa tệp được đặt mật khẩu hoặc mã hóa kiểu ZIP. Gói hồ sơ không "
                          "dùng mật khẩu ZIP; hãy xin gửi lại."),
    "bad_flags": N_("Một tệp trong gói có cờ ZIP mà phần mềm không bao giờ đặt. Gói bị từ "
                    "chối."),
    "data_descriptor": N_("Gói ghi kích thước tệp sau phần dữ liệu (data descriptor), điều "
                          "phần mềm không làm. Gói bị từ chối."),
    "bad_version": N_("Gói ghi phiên bản ZIP hoặc hệ điều hành tạo tệp khác với gói do phần "
                      "mềm tạo. Gói bị từ chối."),
    "bad_compression": N_("Gói có tệp bị nén. Gói hồ sơ chỉ lưu nguyên (không nén) mọi tệp; gói "
                          "bị từ chối."),
    "zip64": N_("Gói dùng dạng ZIP64 hoặc ghi kích thước 0xFFFFFFFF, điều gói hồ sơ không "
                "dùng. Gói bị từ chối."),
    "extra_field": N_("Phần đầu của một tệp trong gói có trường phụ (extra field) chứa dữ liệu "
                      "ẩn. Gói bị từ chối."),
    "entry_comment": N_("Một tệp trong gói có ghi chú ZIP riêng (comment) chứa dữ liệu ẩn. Gói "
                        "bị từ chối."),
    "archive_comment": N_("Gói có phần ghi chú ZIP (comment) chứa dữ liệu ẩn; gói do phần mềm "
                          "tạo không có. Gói bị từ chối."),
    "trailing_data": N_("Gói có dữ liệu lạ nối sau phần cuối tệp ZIP. Gói bị từ chối; hãy xin "
                        "gửi lại."),
    "bad_end_record": N_("Phần cuối tệp ZIP (số mục, số đĩa, vị trí danh mục) không khớp với "
                         "nội dung. Gói bị sửa hoặc hỏng; bị từ chối."),
    "bad_directory": N_("Danh mục ZIP có giá trị lạ (số đĩa, thuộc tính nội bộ). Gói bị từ "
                        "chối."),
    "too_many_entries": N_("Gói có quá nhiều tệp. Gói bị từ chối để bảo vệ máy."),
    "entry_too_large": N_("Một tệp trong gói quá lớn. Gói bị từ chối để bảo vệ máy."),
    "total_too_large": N_("Tổng dung lượng các tệp trong gói quá lớn. Gói bị từ chối."),
    "size_mismatch": N_("Kích thước thật của một tệp khác kích thước ghi trong gói (bom ZIP "
                        "hoặc gói hỏng). Gói bị từ chối."),
    "header_mismatch": N_("Phần đầu của một tệp trong gói không khớp với danh mục ZIP (gói bị "
                          "sửa hoặc hỏng). Gói bị từ chối."),
    "unexpected_data": N_("Gói có dữ liệu lạ nằm ngoài các tệp (chèn thêm vào tệp ZIP). Gói bị "
                          "từ chối; hãy xin gửi lại."),
    "overlapping_entries": N_("Các tệp trong gói chồng lên nhau (bom ZIP). Gói bị từ chối."),
}

# The BagIt bag and its signature (§3–4).
_BAG: dict[str, str] = {
    "not_a_bag": N_("Tệp ZIP không phải gói hồ sơ BagIt (thiếu bagit.txt, bag-info.txt hoặc "
                    "các tệp kê khai). Hãy kiểm tra đúng tệp."),
    "bad_bagit_txt": N_("Tệp bagit.txt không đúng BagIt 1.0. Gói đã bị sửa; hãy xin gửi lại."),
    "fetch_txt": N_("Gói có tệp fetch.txt (tải thêm tệp từ mạng). Gói hồ sơ phải tự chứa đủ "
                    "mọi tệp; gói bị từ chối."),
    "unsupported_manifest": N_("Gói có tệp kê khai theo thuật toán không được hỗ trợ (chỉ "
                               "SHA-256, SHA-512, SHA-1, MD5). Gói bị từ chối."),
    "other_manifest_mismatch": N_("Một tệp kê khai phụ (MD5, SHA-1 hoặc SHA-512) không khớp với "
                                  "nội dung gói. Gói bị từ chối."),
    "missing_signature": N_("Gói không có chữ ký (tagmanifest-sha256.txt.minisig). Không thể "
                            "biết gói có bị sửa không; hãy xin đơn vị gửi lại gói có ký."),
    "bad_signature_format": N_("Tệp chữ ký không đúng định dạng minisign. Gói có thể đã bị sửa "
                               "hoặc hỏng; hãy xin đơn vị gửi lại."),
    "bad_signature": N_("Chữ ký không khớp: gói đã bị sửa sau khi ký hoặc không do khóa này ký. "
                        "Không dùng gói này; hãy xin đơn vị gửi lại."),
    "unknown_key": N_("Gói được ký bằng khóa chưa đăng ký. Hãy đối chiếu mã khóa với phiếu "
                      "đăng ký khóa của đơn vị."),
    "key_not_given": N_("Chưa có khóa công khai để kiểm tra chữ ký. Hãy chỉ định tệp khóa "
                        "công khai của đơn vị (--public-key TỆP.pub)."),
    "signature_mismatch": N_("Chữ ký thuộc về hồ sơ hoặc lần gửi khác với nội dung gói. Gói bị "
                             "từ chối."),
    "tagmanifest_mismatch": N_("Tệp kê khai của gói (bagit.txt, manifest) đã bị sửa sau khi ký. "
                               "Gói bị từ chối."),
    "bag_info_changed": N_("Thông tin gói (bag-info.txt) đã bị sửa sau khi ký. Gói bị từ chối."),
    "manifest_mismatch": N_("Nội dung một tệp đã bị thay đổi so với lúc ký. Gói bị từ chối."),
    "file_missing": N_("Thiếu một tệp có trong danh mục của gói (bị xóa hoặc đổi tên). Gói bị "
                       "từ chối."),
    "file_added": N_("Gói có tệp không nằm trong danh mục đã ký (bị thêm hoặc đổi tên). Gói bị "
                     "từ chối."),
    "bag_info_invalid": N_("Tệp bag-info.txt không đúng định dạng hoặc thiếu mục bắt buộc."),
    "payload_oxum": N_("Payload-Oxum (tổng dung lượng và số tệp) không khớp với nội dung gói."),
    "part_missing": N_("Thiếu một phần của gói chia nhỏ. Hãy chép đủ các phần vào cùng thư mục."),
    "part_mismatch": N_("Một phần của gói chia nhỏ không khớp với danh sách phần (hỏng hoặc bị "
                        "sửa). Hãy xin gửi lại."),
}

# data/dossier.json (§5).
_DOSSIER: dict[str, str] = {
    "dossier_too_large": N_("Tệp data/dossier.json quá lớn so với một hồ sơ thật. Gói bị từ "
                            "chối để bảo vệ máy."),
    "json_invalid": N_("Tệp data/dossier.json không phải JSON UTF-8 hợp lệ. Gói bị từ chối."),
    "json_constant": N_("Tệp data/dossier.json chứa NaN hoặc Infinity, không phải JSON chuẩn. "
                        "Gói bị từ chối."),
    "json_duplicate_key": N_("Tệp data/dossier.json có một mục ghi hai lần (trùng khóa), nên "
                             "hai chương trình có thể đọc ra hai nội dung. Gói bị từ chối."),
    "json_surrogate": N_("Tệp data/dossier.json chứa ký tự Unicode không hợp lệ (nửa cặp "
                         "surrogate). Gói bị từ chối."),
    "number_too_large": N_("Một con số trong gói quá lớn hoặc quá dài so với giới hạn. Gói bị "
                           "từ chối."),
    "json_too_deep": N_("Tệp data/dossier.json lồng nhau quá sâu. Gói bị từ chối."),
    "text_too_long": N_("Một trường chữ trong data/dossier.json dài quá giới hạn (ví dụ tên "
                        "người). Gói bị từ chối."),
    "too_many_items": N_("Một danh sách trong data/dossier.json có quá nhiều mục. Gói bị từ "
                         "chối."),
    "schema_invalid": N_("Tệp data/dossier.json không đúng mẫu hoso-dossier/1."),
    "council_inconsistent": N_("Số liệu biểu quyết vô lý (số có mặt hoặc số phiếu đồng ý lớn "
                               "hơn số thành viên). Gói bị từ chối."),
    "dates_out_of_order": N_("Ngày tháng trong hồ sơ không có thật hoặc sai thứ tự (ví dụ họp "
                             "sau ngày lập gói). Gói bị từ chối."),
    "dossier_mismatch": N_("Mã hồ sơ, lần gửi hoặc danh sách tệp trong dossier.json không khớp "
                           "với gói."),
}

# Stable reason codes → what the officer reads (translated at display time).
CODES: dict[str, str] = {**_ZIP, **_BAG, **_DOSSIER}


@dataclass(frozen=True)
class Reason:
    code: str
    message: str
    detail: str = ""

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "detail": self.detail}


def reason(code: str, detail: str = "") -> Reason:
    return Reason(code, _(CODES[code]), detail)
