<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN" sourcelanguage="en">
<context>
    <name>CloseButton</name>
    <message>
        <source>Close Tab</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Đóng thẻ</translation>
    </message>
</context>
<context>
    <name>Print Device Input Slot</name>
    <message>
        <source>Automatic</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Tự động</translation>
    </message>
</context>
<context>
    <name>Print Device Output Bin</name>
    <message>
        <source>Automatic</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Tự động</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Alias</source>
        <comment>macOS Finder</comment>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Bí danh</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>Ổ đĩa</translation>
    </message>
    <message>
        <source>File</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>File Folder</source>
        <comment>Match Windows Explorer</comment>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Thư mục tệp</translation>
    </message>
    <message>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>Thư mục</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <comment>All other platforms</comment>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Lối tắt</translation>
    </message>
    <message>
        <source>Unknown</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Không rõ</translation>
    </message>
</context>
<context>
    <name>QAbstractSpinBox</name>
    <message>
        <source>&amp;Select All</source>
        <translation>&amp;Chọn tất cả</translation>
    </message>
    <message>
        <source>&amp;Step up</source>
        <translation>Tă&amp;ng lên</translation>
    </message>
    <message>
        <source>Step &amp;down</source>
        <translation>&amp;Giảm xuống</translation>
    </message>
</context>
<context>
    <name>QComboBox</name>
    <message>
        <source>False</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Sai</translation>
    </message>
    <message>
        <source>Open the combo box selection popup</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Mở danh sách để chọn</translation>
    </message>
    <message>
        <source>True</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Đúng</translation>
    </message>
</context>
<context>
    <name>QCupsJobWidget</name>
    <message>
        <source>&amp;Billing information:</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Thông tin tính &amp;phí:</translation>
    </message>
    <message>
        <source>&amp;End:</source>
        <comment>Banner page at end</comment>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>&amp;Cuối:</translation>
    </message>
    <message>
        <source>&amp;Start:</source>
        <comment>Banner page at start</comment>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Đầ&amp;u:</translation>
    </message>
    <message>
        <source>Banner Pages</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Trang bìa lệnh in</translation>
    </message>
    <message>
        <source>Billing information:</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Thông tin tính phí:</translation>
    </message>
    <message>
        <source>Classified</source>
        <comment>CUPS Banner page</comment>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Nội bộ</translation>
    </message>
    <message>
        <source>Confidential</source>
        <comment>CUPS Banner page</comment>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Mật</translation>
    </message>
    <message>
        <source>Day (06:00 to 17:59)</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Ban ngày (06:00 đến 17:59)</translation>
    </message>
    <message>
        <source>End:</source>
        <comment>Banner page at end</comment>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Cuối:</translation>
    </message>
    <message>
        <source>Hold Indefinitely</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Giữ lại, chưa in</translation>
    </message>
    <message>
        <source>Job</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Lệnh in</translation>
    </message>
    <message>
        <source>Job &amp;priority:</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Mức ưu &amp;tiên:</translation>
    </message>
    <message>
        <source>Job Control</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Điều khiển lệnh in</translation>
    </message>
    <message>
        <source>Job priority:</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Mức ưu tiên:</translation>
    </message>
    <message>
        <source>Night (18:00 to 05:59)</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Ban đêm (18:00 đến 05:59)</translation>
    </message>
    <message>
        <source>None</source>
        <comment>CUPS Banner page</comment>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Không có</translation>
    </message>
    <message>
        <source>Print Immediately</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>In ngay</translation>
    </message>
    <message>
        <source>Scheduled &amp;printing:</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>&amp;Hẹn giờ in:</translation>
    </message>
    <message>
        <source>Scheduled printing:</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Hẹn giờ in:</translation>
    </message>
    <message>
        <source>Second Shift (16:00 to 23:59)</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Ca hai (16:00 đến 23:59)</translation>
    </message>
    <message>
        <source>Secret</source>
        <comment>CUPS Banner page</comment>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Tối mật</translation>
    </message>
    <message>
        <source>Specific Time</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Vào giờ đã định</translation>
    </message>
    <message>
        <source>Standard</source>
        <comment>CUPS Banner page</comment>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Chuẩn</translation>
    </message>
    <message>
        <source>Start:</source>
        <comment>Banner page at start</comment>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Đầu:</translation>
    </message>
    <message>
        <source>Third Shift (00:00 to 07:59)</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Ca ba (00:00 đến 07:59)</translation>
    </message>
    <message>
        <source>Top Secret</source>
        <comment>CUPS Banner page</comment>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Tuyệt mật</translation>
    </message>
    <message>
        <source>Unclassified</source>
        <comment>CUPS Banner page</comment>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Không mật</translation>
    </message>
    <message>
        <source>Weekend (Saturday to Sunday)</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Cuối tuần (thứ Bảy và Chủ nhật)</translation>
    </message>
</context>
<context>
    <name>QCupsPrinterSupport</name>
    <message>
        <source>Authentication Needed</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Cần xác thực</translation>
    </message>
    <message>
        <source>Authentication needed to use %1 on %2.</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Cần xác thực để dùng %1 trên %2.</translation>
    </message>
    <message>
        <source>Authentication needed to use %1.</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Cần xác thực để dùng %1.</translation>
    </message>
    <message>
        <source>Password:</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Mật khẩu:</translation>
    </message>
    <message>
        <source>Username:</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Tên người dùng:</translation>
    </message>
</context>
<context>
    <name>QDialog</name>
    <message>
        <source>What&apos;s This?</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Đây là gì?</translation>
    </message>
</context>
<context>
    <name>QDialogButtonBox</name>
    <message>
        <source>OK</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Đồng ý</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>%1
Directory not found.
Please verify the correct directory name was given.</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>%1
Không tìm thấy thư mục.
Hãy kiểm tra lại tên thư mục.</translation>
    </message>
    <message>
        <source>%1
File not found.
Please verify the correct file name was given.</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>%1
Không tìm thấy tệp.
Hãy kiểm tra lại tên tệp.</translation>
    </message>
    <message>
        <source>%1 already exists.
Do you want to replace it?</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Tệp %1 đã có.
Bạn có muốn ghi đè lên tệp đó không?</translation>
    </message>
    <message>
        <source>&amp;Choose</source>
        <translation>&amp;Chọn</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Xóa</translation>
    </message>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Tìm trong:</translation>
    </message>
    <message>
        <source>&amp;New Folder</source>
        <translation>Thư mục &amp;mới</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Mở</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>Đổi &amp;tên</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Lưu</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is write protected.
Do you want to delete it anyway?</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>“%1” đang được bảo vệ chống ghi.
Bạn vẫn muốn xóa?</translation>
    </message>
    <message>
        <source>All Files (*)</source>
        <translation>Mọi tệp (*)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Alt+Left</source>
        <translation>Alt+Left</translation>
    </message>
    <message>
        <source>Alt+Right</source>
        <translation>Alt+Right</translation>
    </message>
    <message>
        <source>Alt+Up</source>
        <translation>Alt+Up</translation>
    </message>
    <message>
        <source>Are you sure you want to delete &apos;%1&apos;?</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Bạn có chắc muốn xóa “%1”?</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Lùi lại</translation>
    </message>
    <message>
        <source>Change to detail view mode</source>
        <translation>Chuyển sang xem chi tiết</translation>
    </message>
    <message>
        <source>Change to list view mode</source>
        <translation>Chuyển sang xem danh sách</translation>
    </message>
    <message>
        <source>Could not delete directory.</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Không xóa được thư mục.</translation>
    </message>
    <message>
        <source>Create a New Folder</source>
        <translation>Tạo một thư mục mới</translation>
    </message>
    <message>
        <source>Create New Folder</source>
        <translation>Tạo thư mục mới</translation>
    </message>
    <message>
        <source>Delete</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Detail View</source>
        <translation>Xem chi tiết</translation>
    </message>
    <message>
        <source>Directories</source>
        <translation>Thư mục</translation>
    </message>
    <message>
        <source>Directory:</source>
        <translation>Thư mục:</translation>
    </message>
    <message>
        <source>File &amp;name:</source>
        <translation>&amp;Tên tệp:</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Các tệp</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>&amp;Loại tệp:</translation>
    </message>
    <message>
        <source>Files of type:</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Loại tệp:</translation>
    </message>
    <message>
        <source>Find Directory</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Chọn thư mục</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Tiến tới</translation>
    </message>
    <message>
        <source>Go back</source>
        <translation>Quay lại thư mục trước</translation>
    </message>
    <message>
        <source>Go forward</source>
        <translation>Đi tới thư mục sau</translation>
    </message>
    <message>
        <source>Go to the parent directory</source>
        <translation>Lên thư mục cấp trên</translation>
    </message>
    <message>
        <source>List of places and bookmarks</source>
        <translation>Danh sách vị trí và dấu trang</translation>
    </message>
    <message>
        <source>List View</source>
        <translation>Xem danh sách</translation>
    </message>
    <message>
        <source>Look in:</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Tìm trong:</translation>
    </message>
    <message>
        <source>New Folder</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Thư mục mới</translation>
    </message>
    <message>
        <source>Open</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Mở</translation>
    </message>
    <message>
        <source>Parent Directory</source>
        <translation>Thư mục cấp trên</translation>
    </message>
    <message>
        <source>Recent Places</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Vị trí gần đây</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Gỡ khỏi danh sách</translation>
    </message>
    <message>
        <source>Save As</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Lưu thành</translation>
    </message>
    <message>
        <source>Show </source>
        <translation>Hiện cột </translation>
    </message>
    <message>
        <source>Show &amp;hidden files</source>
        <translation>Hiện tệp ẩ&amp;n</translation>
    </message>
    <message>
        <source>Sidebar</source>
        <translation>Thanh bên</translation>
    </message>
</context>
<context>
    <name>QFileSystemModel</name>
    <message>
        <source>Computer</source>
        <translation>Máy tính</translation>
    </message>
    <message>
        <source>Date Modified</source>
        <translation>Ngày sửa đổi</translation>
    </message>
    <message>
        <source>Kind</source>
        <comment>Match OS X Finder</comment>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Loại</translation>
    </message>
    <message>
        <source>My Computer</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Máy tính</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Kích thước</translation>
    </message>
    <message>
        <source>Type</source>
        <comment>All other platforms</comment>
        <translation>Loại</translation>
    </message>
</context>
<context>
    <name>QGnomeTheme</name>
    <message>
        <source>&amp;Cancel</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>&amp;Hủy</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Đó&amp;ng</translation>
    </message>
    <message>
        <source>&amp;OK</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Đồn&amp;g ý</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>&amp;Lưu</translation>
    </message>
    <message>
        <source>Close without Saving</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Đóng, không lưu</translation>
    </message>
</context>
<context>
    <name>QGuiApplication</name>
    <message>
        <source>QT_LAYOUT_DIRECTION</source>
        <comment>Translate this string to the string &apos;LTR&apos; in left-to-right languages or to &apos;RTL&apos; in right-to-left languages (such as Hebrew and Arabic) to get proper widget layout.</comment>
        <translation>LTR</translation>
    </message>
</context>
<context>
    <name>QInputDialog</name>
    <message>
        <source>Enter a value:</source>
        <translation>Nhập giá trị:</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Sao chép</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Dán</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Làm lại</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Hoàn tác</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>Cắ&amp;t</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Chọn tất cả</translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <source>About Qt</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Giới thiệu Qt</translation>
    </message>
    <message>
        <source>Hide Details...</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Ẩn chi tiết…</translation>
    </message>
    <message>
        <source>Show Details...</source>
        <translation>Xem chi tiết…</translation>
    </message>
</context>
<context>
    <name>QMimeType</name>
    <message>
        <source>7-zip archive</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Tệp nén 7-zip</translation>
    </message>
    <message>
        <source>Apple Keynote 5 presentation</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Bản trình chiếu Apple Keynote 5</translation>
    </message>
    <message>
        <source>application log</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Nhật ký ứng dụng</translation>
    </message>
    <message>
        <source>backup file</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Tệp sao lưu</translation>
    </message>
    <message>
        <source>CSV document</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Tài liệu CSV</translation>
    </message>
    <message>
        <source>DER/PEM/Netscape-encoded X.509 certificate</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Chứng thư số X.509 (DER/PEM/Netscape)</translation>
    </message>
    <message>
        <source>detached OpenPGP signature</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Chữ ký OpenPGP tách rời</translation>
    </message>
    <message>
        <source>DOS/Windows executable</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Chương trình DOS/Windows</translation>
    </message>
    <message>
        <source>electronic business card</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Danh thiếp điện tử</translation>
    </message>
    <message>
        <source>email message</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Thư điện tử</translation>
    </message>
    <message>
        <source>empty document</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Tệp rỗng</translation>
    </message>
    <message>
        <source>folder</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Thư mục</translation>
    </message>
    <message>
        <source>GIF image</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Ảnh GIF</translation>
    </message>
    <message>
        <source>Gzip archive</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Tệp nén Gzip</translation>
    </message>
    <message>
        <source>HEIF image</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Ảnh HEIF</translation>
    </message>
    <message>
        <source>HTML document</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Tài liệu HTML</translation>
    </message>
    <message>
        <source>JPEG image</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Ảnh JPEG</translation>
    </message>
    <message>
        <source>JSON document</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Tài liệu JSON</translation>
    </message>
    <message>
        <source>Makefile build file</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Tệp dựng Makefile</translation>
    </message>
    <message>
        <source>Markdown document</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Tài liệu Markdown</translation>
    </message>
    <message>
        <source>Microsoft Excel Worksheet</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Bảng tính Microsoft Excel</translation>
    </message>
    <message>
        <source>Microsoft PowerPoint Presentation</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Bản trình chiếu Microsoft PowerPoint</translation>
    </message>
    <message>
        <source>Microsoft Publisher document</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Tài liệu Microsoft Publisher</translation>
    </message>
    <message>
        <source>Microsoft Word Document</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Văn bản Microsoft Word</translation>
    </message>
    <message>
        <source>MP3 audio</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Âm thanh MP3</translation>
    </message>
    <message>
        <source>MPEG-4 video</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Video MPEG-4</translation>
    </message>
    <message>
        <source>OpenDocument Presentation</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Bản trình chiếu OpenDocument</translation>
    </message>
    <message>
        <source>OpenDocument Spreadsheet</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Bảng tính OpenDocument</translation>
    </message>
    <message>
        <source>OpenDocument Text</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Văn bản OpenDocument</translation>
    </message>
    <message>
        <source>PDF document</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Tài liệu PDF</translation>
    </message>
    <message>
        <source>PGP keys</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Khóa PGP</translation>
    </message>
    <message>
        <source>PKCS#12 certificate bundle</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Gói chứng thư số PKCS#12</translation>
    </message>
    <message>
        <source>plain text document</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Tệp văn bản thuần</translation>
    </message>
    <message>
        <source>PNG image</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Ảnh PNG</translation>
    </message>
    <message>
        <source>Python script</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Tập lệnh Python</translation>
    </message>
    <message>
        <source>RAR archive</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Tệp nén RAR</translation>
    </message>
    <message>
        <source>RTF document</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Tài liệu RTF</translation>
    </message>
    <message>
        <source>shell script</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Tập lệnh shell</translation>
    </message>
    <message>
        <source>SQLite3 database</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Cơ sở dữ liệu SQLite3</translation>
    </message>
    <message>
        <source>SVG image</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Ảnh SVG</translation>
    </message>
    <message>
        <source>Tar archive (gzip-compressed)</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Tệp nén Tar (gzip)</translation>
    </message>
    <message>
        <source>TIFF image</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Ảnh TIFF</translation>
    </message>
    <message>
        <source>TOML document</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Tài liệu TOML</translation>
    </message>
    <message>
        <source>unknown</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Không rõ loại</translation>
    </message>
    <message>
        <source>VCS/ICS calendar</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Lịch VCS/ICS</translation>
    </message>
    <message>
        <source>WebP image</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Ảnh WebP</translation>
    </message>
    <message>
        <source>Windows BMP image</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Ảnh BMP của Windows</translation>
    </message>
    <message>
        <source>Windows Installer package</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Gói cài đặt Windows</translation>
    </message>
    <message>
        <source>X.509 certificate</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Chứng thư số X.509</translation>
    </message>
    <message>
        <source>XML document</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Tài liệu XML</translation>
    </message>
    <message>
        <source>Zip archive</source>
        <extracomment>A file type from Qt's MIME database (the file dialog's Type column); Qt asks for it only where its database has no Vietnamese of its own.</extracomment>
        <translation>Tệp nén Zip</translation>
    </message>
</context>
<context>
    <name>QPageSetupWidget</name>
    <message>
        <source>bottom margin</source>
        <translation>lề dưới</translation>
    </message>
    <message>
        <source>CC</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>CC</translation>
    </message>
    <message>
        <source>Cicero (CC)</source>
        <translation>Cicero (CC)</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Tùy chỉnh</translation>
    </message>
    <message>
        <source>DD</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>DD</translation>
    </message>
    <message>
        <source>Didot (DD)</source>
        <translation>Didot (DD)</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Biểu mẫu</translation>
    </message>
    <message>
        <source>Height:</source>
        <translation>Cao:</translation>
    </message>
    <message>
        <source>in</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>in</translation>
    </message>
    <message>
        <source>Inches (in)</source>
        <translation>Inch (in)</translation>
    </message>
    <message>
        <source>Landscape</source>
        <translation>Ngang</translation>
    </message>
    <message>
        <source>left margin</source>
        <translation>lề trái</translation>
    </message>
    <message>
        <source>Margins</source>
        <translation>Lề</translation>
    </message>
    <message>
        <source>Millimeters (mm)</source>
        <translation>Milimét (mm)</translation>
    </message>
    <message>
        <source>mm</source>
        <translation>mm</translation>
    </message>
    <message>
        <source>Orientation</source>
        <translation>Hướng giấy</translation>
    </message>
    <message>
        <source>Page &amp;order:</source>
        <translation>Thứ tự &amp;trang:</translation>
    </message>
    <message>
        <source>Page Layout</source>
        <translation>Bố cục trang</translation>
    </message>
    <message>
        <source>Page order:</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Thứ tự trang:</translation>
    </message>
    <message>
        <source>Page size:</source>
        <translation>Khổ giấy:</translation>
    </message>
    <message>
        <source>Pages &amp;per sheet:</source>
        <translation>Số trang mỗi &amp;tờ:</translation>
    </message>
    <message>
        <source>Pages per sheet:</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Số trang mỗi tờ:</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>Giấy</translation>
    </message>
    <message>
        <source>Paper source:</source>
        <translation>Nguồn giấy:</translation>
    </message>
    <message>
        <source>Pica (P̸)</source>
        <translation>Pica (P̸)</translation>
    </message>
    <message>
        <source>Points (pt)</source>
        <translation>Point (pt)</translation>
    </message>
    <message>
        <source>Portrait</source>
        <translation>Dọc</translation>
    </message>
    <message>
        <source>pt</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>pt</translation>
    </message>
    <message>
        <source>P̸</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>P̸</translation>
    </message>
    <message>
        <source>Reverse landscape</source>
        <translation>Ngang, lật ngược</translation>
    </message>
    <message>
        <source>Reverse portrait</source>
        <translation>Dọc, lật ngược</translation>
    </message>
    <message>
        <source>right margin</source>
        <translation>lề phải</translation>
    </message>
    <message>
        <source>top margin</source>
        <translation>lề trên</translation>
    </message>
    <message>
        <source>Width:</source>
        <translation>Rộng:</translation>
    </message>
</context>
<context>
    <name>QPageSize</name>
    <message>
        <source>%1 x %2 in</source>
        <translation>%1 x %2 in</translation>
    </message>
    <message>
        <source>A0</source>
        <translation>A0</translation>
    </message>
    <message>
        <source>A1</source>
        <translation>A1</translation>
    </message>
    <message>
        <source>A10</source>
        <translation>A10</translation>
    </message>
    <message>
        <source>A2</source>
        <translation>A2</translation>
    </message>
    <message>
        <source>A3</source>
        <translation>A3</translation>
    </message>
    <message>
        <source>A3 Extra</source>
        <translation>A3 Extra</translation>
    </message>
    <message>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <source>A4 Extra</source>
        <translation>A4 Extra</translation>
    </message>
    <message>
        <source>A4 Plus</source>
        <translation>A4 Plus</translation>
    </message>
    <message>
        <source>A4 Small</source>
        <translation>A4 nhỏ</translation>
    </message>
    <message>
        <source>A5</source>
        <translation>A5</translation>
    </message>
    <message>
        <source>A5 Extra</source>
        <translation>A5 Extra</translation>
    </message>
    <message>
        <source>A6</source>
        <translation>A6</translation>
    </message>
    <message>
        <source>A7</source>
        <translation>A7</translation>
    </message>
    <message>
        <source>A8</source>
        <translation>A8</translation>
    </message>
    <message>
        <source>A9</source>
        <translation>A9</translation>
    </message>
    <message>
        <source>ANSI C</source>
        <translation>ANSI C</translation>
    </message>
    <message>
        <source>ANSI D</source>
        <translation>ANSI D</translation>
    </message>
    <message>
        <source>ANSI E</source>
        <translation>ANSI E</translation>
    </message>
    <message>
        <source>Architect A</source>
        <translation>Architect A</translation>
    </message>
    <message>
        <source>Architect B</source>
        <translation>Architect B</translation>
    </message>
    <message>
        <source>Architect C</source>
        <translation>Architect C</translation>
    </message>
    <message>
        <source>Architect D</source>
        <translation>Architect D</translation>
    </message>
    <message>
        <source>Architect E</source>
        <translation>Architect E</translation>
    </message>
    <message>
        <source>B0</source>
        <translation>B0</translation>
    </message>
    <message>
        <source>B1</source>
        <translation>B1</translation>
    </message>
    <message>
        <source>B10</source>
        <translation>B10</translation>
    </message>
    <message>
        <source>B2</source>
        <translation>B2</translation>
    </message>
    <message>
        <source>B3</source>
        <translation>B3</translation>
    </message>
    <message>
        <source>B4</source>
        <translation>B4</translation>
    </message>
    <message>
        <source>B5</source>
        <translation>B5</translation>
    </message>
    <message>
        <source>B5 Extra</source>
        <translation>B5 Extra</translation>
    </message>
    <message>
        <source>B6</source>
        <translation>B6</translation>
    </message>
    <message>
        <source>B7</source>
        <translation>B7</translation>
    </message>
    <message>
        <source>B8</source>
        <translation>B8</translation>
    </message>
    <message>
        <source>B9</source>
        <translation>B9</translation>
    </message>
    <message>
        <source>Custom</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Tùy chỉnh</translation>
    </message>
    <message>
        <source>Custom (%1CC x %2CC)</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Tùy chỉnh (%1CC x %2CC)</translation>
    </message>
    <message>
        <source>Custom (%1DD x %2DD)</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Tùy chỉnh (%1DD x %2DD)</translation>
    </message>
    <message>
        <source>Custom (%1in x %2in)</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Tùy chỉnh (%1in x %2in)</translation>
    </message>
    <message>
        <source>Custom (%1mm x %2mm)</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Tùy chỉnh (%1mm x %2mm)</translation>
    </message>
    <message>
        <source>Custom (%1pc x %2pc)</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Tùy chỉnh (%1pc x %2pc)</translation>
    </message>
    <message>
        <source>Custom (%1pt x %2pt)</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Tùy chỉnh (%1pt x %2pt)</translation>
    </message>
    <message>
        <source>Double Postcard</source>
        <translation>Bưu thiếp đôi</translation>
    </message>
    <message>
        <source>Envelope B4</source>
        <translation>Phong bì B4</translation>
    </message>
    <message>
        <source>Envelope B5</source>
        <translation>Phong bì B5</translation>
    </message>
    <message>
        <source>Envelope B6</source>
        <translation>Phong bì B6</translation>
    </message>
    <message>
        <source>Envelope C0</source>
        <translation>Phong bì C0</translation>
    </message>
    <message>
        <source>Envelope C1</source>
        <translation>Phong bì C1</translation>
    </message>
    <message>
        <source>Envelope C2</source>
        <translation>Phong bì C2</translation>
    </message>
    <message>
        <source>Envelope C3</source>
        <translation>Phong bì C3</translation>
    </message>
    <message>
        <source>Envelope C4</source>
        <translation>Phong bì C4</translation>
    </message>
    <message>
        <source>Envelope C5</source>
        <translation>Phong bì C5</translation>
    </message>
    <message>
        <source>Envelope C6</source>
        <translation>Phong bì C6</translation>
    </message>
    <message>
        <source>Envelope C65</source>
        <translation>Phong bì C65</translation>
    </message>
    <message>
        <source>Envelope C7</source>
        <translation>Phong bì C7</translation>
    </message>
    <message>
        <source>Envelope Chou 3</source>
        <translation>Phong bì Chou 3</translation>
    </message>
    <message>
        <source>Envelope Chou 4</source>
        <translation>Phong bì Chou 4</translation>
    </message>
    <message>
        <source>Envelope DL</source>
        <translation>Phong bì DL</translation>
    </message>
    <message>
        <source>Envelope Invite</source>
        <translation>Phong bì thiệp mời</translation>
    </message>
    <message>
        <source>Envelope Italian</source>
        <translation>Phong bì Ý</translation>
    </message>
    <message>
        <source>Envelope Kaku 2</source>
        <translation>Phong bì Kaku 2</translation>
    </message>
    <message>
        <source>Envelope Kaku 3</source>
        <translation>Phong bì Kaku 3</translation>
    </message>
    <message>
        <source>Envelope Monarch</source>
        <translation>Phong bì Monarch</translation>
    </message>
    <message>
        <source>Envelope Personal</source>
        <translation>Phong bì cá nhân</translation>
    </message>
    <message>
        <source>Envelope PRC 1</source>
        <translation>Phong bì PRC 1</translation>
    </message>
    <message>
        <source>Envelope PRC 10</source>
        <translation>Phong bì PRC 10</translation>
    </message>
    <message>
        <source>Envelope PRC 2</source>
        <translation>Phong bì PRC 2</translation>
    </message>
    <message>
        <source>Envelope PRC 3</source>
        <translation>Phong bì PRC 3</translation>
    </message>
    <message>
        <source>Envelope PRC 4</source>
        <translation>Phong bì PRC 4</translation>
    </message>
    <message>
        <source>Envelope PRC 5</source>
        <translation>Phong bì PRC 5</translation>
    </message>
    <message>
        <source>Envelope PRC 6</source>
        <translation>Phong bì PRC 6</translation>
    </message>
    <message>
        <source>Envelope PRC 7</source>
        <translation>Phong bì PRC 7</translation>
    </message>
    <message>
        <source>Envelope PRC 8</source>
        <translation>Phong bì PRC 8</translation>
    </message>
    <message>
        <source>Envelope PRC 9</source>
        <translation>Phong bì PRC 9</translation>
    </message>
    <message>
        <source>Envelope US 10</source>
        <translation>Phong bì US 10</translation>
    </message>
    <message>
        <source>Envelope US 11</source>
        <translation>Phong bì US 11</translation>
    </message>
    <message>
        <source>Envelope US 12</source>
        <translation>Phong bì US 12</translation>
    </message>
    <message>
        <source>Envelope US 14</source>
        <translation>Phong bì US 14</translation>
    </message>
    <message>
        <source>Envelope US 9</source>
        <translation>Phong bì US 9</translation>
    </message>
    <message>
        <source>Envelope You 4</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Phong bì You 4</translation>
    </message>
    <message>
        <source>Executive (7.25 x 10.5 in)</source>
        <translation>Executive (7,25 x 10,5 in)</translation>
    </message>
    <message>
        <source>Executive (7.5 x 10 in)</source>
        <translation>Executive (7,5 x 10 in)</translation>
    </message>
    <message>
        <source>Fan-fold German (8.5 x 12 in)</source>
        <translation>Giấy in liên tục Đức (8,5 x 12 in)</translation>
    </message>
    <message>
        <source>Fan-fold German Legal (8.5 x 13 in)</source>
        <translation>Giấy in liên tục Đức, Legal (8,5 x 13 in)</translation>
    </message>
    <message>
        <source>Fan-fold US (14.875 x 11 in)</source>
        <translation>Giấy in liên tục Mỹ (14,875 x 11 in)</translation>
    </message>
    <message>
        <source>Folio (8.27 x 13 in)</source>
        <translation>Folio (8,27 x 13 in)</translation>
    </message>
    <message>
        <source>JIS B0</source>
        <translation>JIS B0</translation>
    </message>
    <message>
        <source>JIS B1</source>
        <translation>JIS B1</translation>
    </message>
    <message>
        <source>JIS B10</source>
        <translation>JIS B10</translation>
    </message>
    <message>
        <source>JIS B2</source>
        <translation>JIS B2</translation>
    </message>
    <message>
        <source>JIS B3</source>
        <translation>JIS B3</translation>
    </message>
    <message>
        <source>JIS B4</source>
        <translation>JIS B4</translation>
    </message>
    <message>
        <source>JIS B5</source>
        <translation>JIS B5</translation>
    </message>
    <message>
        <source>JIS B6</source>
        <translation>JIS B6</translation>
    </message>
    <message>
        <source>JIS B7</source>
        <translation>JIS B7</translation>
    </message>
    <message>
        <source>JIS B8</source>
        <translation>JIS B8</translation>
    </message>
    <message>
        <source>JIS B9</source>
        <translation>JIS B9</translation>
    </message>
    <message>
        <source>Ledger / ANSI B</source>
        <translation>Ledger / ANSI B</translation>
    </message>
    <message>
        <source>Legal</source>
        <translation>Legal</translation>
    </message>
    <message>
        <source>Legal Extra</source>
        <translation>Legal Extra</translation>
    </message>
    <message>
        <source>Letter / ANSI A</source>
        <translation>Letter / ANSI A</translation>
    </message>
    <message>
        <source>Letter Extra</source>
        <translation>Letter Extra</translation>
    </message>
    <message>
        <source>Letter Plus</source>
        <translation>Letter Plus</translation>
    </message>
    <message>
        <source>Letter Small</source>
        <translation>Letter nhỏ</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Postcard</source>
        <translation>Bưu thiếp</translation>
    </message>
    <message>
        <source>PRC 16K</source>
        <translation>PRC 16K</translation>
    </message>
    <message>
        <source>PRC 32K</source>
        <translation>PRC 32K</translation>
    </message>
    <message>
        <source>PRC 32K Big</source>
        <translation>PRC 32K lớn</translation>
    </message>
    <message>
        <source>Quarto</source>
        <translation>Quarto</translation>
    </message>
    <message>
        <source>Statement</source>
        <translation>Statement</translation>
    </message>
    <message>
        <source>Super A</source>
        <translation>Super A</translation>
    </message>
    <message>
        <source>Super B</source>
        <translation>Super B</translation>
    </message>
    <message>
        <source>Tabloid / ANSI B</source>
        <translation>Tabloid / ANSI B</translation>
    </message>
    <message>
        <source>Tabloid Extra</source>
        <translation>Tabloid Extra</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Không</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Có</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Hủy bỏ</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Áp dụng</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Không lưu</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Trợ giúp</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Bỏ qua</translation>
    </message>
    <message>
        <source>N&amp;o to All</source>
        <translation>Không, tất &amp;cả</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Mở</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Đặt lại</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>Khôi phục mặc định</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Thử lại</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Save All</source>
        <translation>Lưu tất cả</translation>
    </message>
    <message>
        <source>Yes to &amp;All</source>
        <translation>Có, &amp;tất cả</translation>
    </message>
</context>
<context>
    <name>QPrintDialog</name>
    <message>
        <source>%1 already exists.
Do you want to overwrite it?</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Tệp %1 đã có.
Bạn có muốn ghi đè lên tệp đó không?</translation>
    </message>
    <message>
        <source>%1 does not follow the correct syntax. Please use &apos;,&apos; to separate ranges and pages, &apos;-&apos; to define ranges and make sure ranges do not intersect with each other.</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>“%1” viết chưa đúng. Hãy dùng dấu phẩy “,” để ngăn cách các trang và khoảng trang, dấu gạch ngang “-” để ghi một khoảng trang, và các khoảng không được chồng lên nhau.</translation>
    </message>
    <message>
        <source>%1 is a directory.
Please choose a different file name.</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>%1 là một thư mục.
Hãy chọn tên tệp khác.</translation>
    </message>
    <message>
        <source>&amp;Options &lt;&lt;</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>&amp;Tùy chọn &lt;&lt;</translation>
    </message>
    <message>
        <source>&amp;Options &gt;&gt;</source>
        <translation>&amp;Tùy chọn &gt;&gt;</translation>
    </message>
    <message>
        <source>&amp;Print</source>
        <translation>&amp;In</translation>
    </message>
    <message>
        <source>1 (1x1)</source>
        <translation>1 (1x1)</translation>
    </message>
    <message>
        <source>16 (4x4)</source>
        <translation>16 (4x4)</translation>
    </message>
    <message>
        <source>2 (2x1)</source>
        <translation>2 (2x1)</translation>
    </message>
    <message>
        <source>4 (2x2)</source>
        <translation>4 (2x2)</translation>
    </message>
    <message>
        <source>6 (2x3)</source>
        <translation>6 (2x3)</translation>
    </message>
    <message>
        <source>9 (3x3)</source>
        <translation>9 (3x3)</translation>
    </message>
    <message>
        <source>All Pages</source>
        <translation>Tất cả các trang</translation>
    </message>
    <message>
        <source>Bottom to Top, Left to Right</source>
        <translation>Dưới lên trên, trái sang phải</translation>
    </message>
    <message>
        <source>Bottom to Top, Right to Left</source>
        <translation>Dưới lên trên, phải sang trái</translation>
    </message>
    <message>
        <source>Duplex Settings Conflicts</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Thiết lập in hai mặt bị xung đột</translation>
    </message>
    <message>
        <source>Even Pages</source>
        <translation>Các trang chẵn</translation>
    </message>
    <message>
        <source>File %1 is not writable.
Please choose a different file name.</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Không ghi được vào tệp %1.
Hãy chọn tên tệp khác.</translation>
    </message>
    <message>
        <source>Invalid Pages Definition</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Khai báo trang in không hợp lệ</translation>
    </message>
    <message>
        <source>Left to Right, Bottom to Top</source>
        <translation>Trái sang phải, dưới lên trên</translation>
    </message>
    <message>
        <source>Left to Right, Top to Bottom</source>
        <translation>Trái sang phải, trên xuống dưới</translation>
    </message>
    <message>
        <source>Local file</source>
        <translation>Tệp trên máy</translation>
    </message>
    <message>
        <source>Odd Pages</source>
        <translation>Các trang lẻ</translation>
    </message>
    <message>
        <source>Options &apos;Pages Per Sheet&apos; and &apos;Page Set&apos; cannot be used together.
Please turn one of those options off.</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Không dùng được cùng lúc hai tùy chọn “Số trang mỗi tờ” và “Nhóm trang”.
Hãy tắt một trong hai.</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>In</translation>
    </message>
    <message>
        <source>Print to File (PDF)</source>
        <translation>In ra tệp (PDF)</translation>
    </message>
    <message>
        <source>Print To File ...</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>In ra tệp…</translation>
    </message>
    <message>
        <source>Right to Left, Bottom to Top</source>
        <translation>Phải sang trái, dưới lên trên</translation>
    </message>
    <message>
        <source>Right to Left, Top to Bottom</source>
        <translation>Phải sang trái, trên xuống dưới</translation>
    </message>
    <message>
        <source>The &apos;From&apos; value cannot be greater than the &apos;To&apos; value.</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Trang “từ” không được lớn hơn trang “đến”.</translation>
    </message>
    <message>
        <source>There are conflicts in duplex settings. Do you want to fix them?</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Các thiết lập in hai mặt đang xung đột nhau. Bạn có muốn sửa không?</translation>
    </message>
    <message>
        <source>Top to Bottom, Left to Right</source>
        <translation>Trên xuống dưới, trái sang phải</translation>
    </message>
    <message>
        <source>Top to Bottom, Right to Left</source>
        <translation>Trên xuống dưới, phải sang trái</translation>
    </message>
    <message>
        <source>Write PDF file</source>
        <translation>Ghi tệp PDF</translation>
    </message>
</context>
<context>
    <name>QPrintPreviewDialog</name>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>Export to PDF</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Xuất ra PDF</translation>
    </message>
    <message>
        <source>First page</source>
        <translation>Trang đầu</translation>
    </message>
    <message>
        <source>Fit page</source>
        <translation>Vừa cả trang</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>Vừa chiều rộng</translation>
    </message>
    <message>
        <source>Landscape</source>
        <translation>Khổ ngang</translation>
    </message>
    <message>
        <source>Last page</source>
        <translation>Trang cuối</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Trang sau</translation>
    </message>
    <message>
        <source>Page Setup</source>
        <translation>Thiết lập trang</translation>
    </message>
    <message>
        <source>Page setup</source>
        <translation>Thiết lập trang</translation>
    </message>
    <message>
        <source>Portrait</source>
        <translation>Khổ dọc</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>Trang trước</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>In</translation>
    </message>
    <message>
        <source>Print Preview</source>
        <translation>Xem trước khi in</translation>
    </message>
    <message>
        <source>Show facing pages</source>
        <translation>Xem hai trang đối diện</translation>
    </message>
    <message>
        <source>Show overview of all pages</source>
        <translation>Xem tất cả các trang</translation>
    </message>
    <message>
        <source>Show single page</source>
        <translation>Xem từng trang</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Phóng to</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Thu nhỏ</translation>
    </message>
</context>
<context>
    <name>QPrintPropertiesDialog</name>
    <message>
        <source>Advanced Option Conflicts</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Tùy chọn nâng cao bị xung đột</translation>
    </message>
    <message>
        <source>Job Options</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Tùy chọn lệnh in</translation>
    </message>
    <message>
        <source>Page Setup Conflicts</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Thiết lập trang bị xung đột</translation>
    </message>
    <message>
        <source>Printer Properties</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Thuộc tính máy in</translation>
    </message>
    <message>
        <source>There are conflicts in page setup options. Do you want to fix them?</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Các tùy chọn thiết lập trang đang xung đột nhau. Bạn có muốn sửa không?</translation>
    </message>
    <message>
        <source>There are conflicts in some advanced options. Do you want to fix them?</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Một số tùy chọn nâng cao đang xung đột nhau. Bạn có muốn sửa không?</translation>
    </message>
</context>
<context>
    <name>QPrintPropertiesWidget</name>
    <message>
        <source>Advanced</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Nâng cao</translation>
    </message>
    <message>
        <source>Form</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Biểu mẫu</translation>
    </message>
    <message>
        <source>Page</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Trang</translation>
    </message>
    <message>
        <source>There are conflicts in some options. Please fix them.</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Một số tùy chọn đang xung đột nhau. Hãy sửa lại.</translation>
    </message>
</context>
<context>
    <name>QPrintSettingsOutput</name>
    <message>
        <source>Collate</source>
        <translation>In theo từng bộ</translation>
    </message>
    <message>
        <source>Color</source>
        <translation>In màu</translation>
    </message>
    <message>
        <source>Color Mode</source>
        <translation>Chế độ màu</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Số bản</translation>
    </message>
    <message>
        <source>Copies:</source>
        <translation>Số bản:</translation>
    </message>
    <message>
        <source>Current Page</source>
        <translation>Trang hiện tại</translation>
    </message>
    <message>
        <source>Double Sided Printing</source>
        <translation>In hai mặt</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Biểu mẫu</translation>
    </message>
    <message>
        <source>Grayscale</source>
        <translation>In đen trắng</translation>
    </message>
    <message>
        <source>Long side binding</source>
        <translation>Lật theo cạnh dài</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Không</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Tùy chọn</translation>
    </message>
    <message>
        <source>Output Settings</source>
        <translation>Thiết lập bản in</translation>
    </message>
    <message>
        <source>Page &amp;Set:</source>
        <translation>&amp;Nhóm trang:</translation>
    </message>
    <message>
        <source>Page Set:</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Nhóm trang:</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Các trang</translation>
    </message>
    <message>
        <source>Pages from</source>
        <translation>Các trang từ</translation>
    </message>
    <message>
        <source>Print all</source>
        <translation>In tất cả</translation>
    </message>
    <message>
        <source>Print range</source>
        <translation>Phạm vi in</translation>
    </message>
    <message>
        <source>Reverse</source>
        <translation>In ngược thứ tự</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>Phần đang chọn</translation>
    </message>
    <message>
        <source>Short side binding</source>
        <translation>Lật theo cạnh ngắn</translation>
    </message>
    <message>
        <source>Specify pages or ranges separated by commas. Ranges are specified by two numbers separated by a hyphen. E.g: 3,5-7,9 prints pages 3, 5, 6, 7 and 9.</source>
        <translation>Ghi các trang hoặc khoảng trang, cách nhau bằng dấu phẩy; một khoảng trang là hai số nối bằng dấu gạch ngang. Ví dụ: 3,5-7,9 in các trang 3, 5, 6, 7 và 9.</translation>
    </message>
    <message>
        <source>to</source>
        <translation>đến</translation>
    </message>
</context>
<context>
    <name>QPrintWidget</name>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Tên:</translation>
    </message>
    <message>
        <source>...</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Biểu mẫu</translation>
    </message>
    <message>
        <source>Location:</source>
        <translation>Vị trí:</translation>
    </message>
    <message>
        <source>Output &amp;file:</source>
        <translation>Tệp đầu r&amp;a:</translation>
    </message>
    <message>
        <source>P&amp;roperties</source>
        <translation>Th&amp;uộc tính</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Xem trước</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Máy in</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>Loại:</translation>
    </message>
</context>
<context>
    <name>QProgressBar</name>
    <message>
        <source>%p%</source>
        <translation>%p%</translation>
    </message>
</context>
<context>
    <name>QProgressDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>QScrollBar</name>
    <message>
        <source>Bottom</source>
        <translation>Dưới cùng</translation>
    </message>
    <message>
        <source>Left edge</source>
        <translation>Mép trái</translation>
    </message>
    <message>
        <source>Page down</source>
        <translation>Xuống một trang</translation>
    </message>
    <message>
        <source>Page left</source>
        <translation>Sang trái một trang</translation>
    </message>
    <message>
        <source>Page right</source>
        <translation>Sang phải một trang</translation>
    </message>
    <message>
        <source>Page up</source>
        <translation>Lên một trang</translation>
    </message>
    <message>
        <source>Right edge</source>
        <translation>Mép phải</translation>
    </message>
    <message>
        <source>Scroll down</source>
        <translation>Cuộn xuống</translation>
    </message>
    <message>
        <source>Scroll here</source>
        <translation>Cuộn tới đây</translation>
    </message>
    <message>
        <source>Scroll left</source>
        <translation>Cuộn sang trái</translation>
    </message>
    <message>
        <source>Scroll right</source>
        <translation>Cuộn sang phải</translation>
    </message>
    <message>
        <source>Scroll up</source>
        <translation>Cuộn lên</translation>
    </message>
    <message>
        <source>Top</source>
        <translation>Trên cùng</translation>
    </message>
</context>
<context>
    <name>QTabBar</name>
    <message>
        <source>Scroll Left</source>
        <translation>Cuộn sang trái</translation>
    </message>
    <message>
        <source>Scroll Right</source>
        <translation>Cuộn sang phải</translation>
    </message>
</context>
<context>
    <name>QUnicodeControlCharacterMenu</name>
    <message>
        <source>FSI First strong isolate</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>FSI Cô lập theo ký tự định hướng đầu tiên</translation>
    </message>
    <message>
        <source>Insert Unicode control character</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Chèn ký tự điều khiển Unicode</translation>
    </message>
    <message>
        <source>LRE Start of left-to-right embedding</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>LRE Bắt đầu đoạn nhúng trái sang phải</translation>
    </message>
    <message>
        <source>LRI Left-to-right isolate</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>LRI Cô lập trái sang phải</translation>
    </message>
    <message>
        <source>LRM Left-to-right mark</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>LRM Dấu hướng trái sang phải</translation>
    </message>
    <message>
        <source>LRO Start of left-to-right override</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>LRO Bắt đầu ép hướng trái sang phải</translation>
    </message>
    <message>
        <source>PDF Pop directional formatting</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>PDF Kết thúc định dạng hướng</translation>
    </message>
    <message>
        <source>PDI Pop directional isolate</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>PDI Kết thúc cô lập hướng</translation>
    </message>
    <message>
        <source>RLE Start of right-to-left embedding</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>RLE Bắt đầu đoạn nhúng phải sang trái</translation>
    </message>
    <message>
        <source>RLI Right-to-left isolate</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>RLI Cô lập phải sang trái</translation>
    </message>
    <message>
        <source>RLM Right-to-left mark</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>RLM Dấu hướng phải sang trái</translation>
    </message>
    <message>
        <source>RLO Start of right-to-left override</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>RLO Bắt đầu ép hướng phải sang trái</translation>
    </message>
    <message>
        <source>ZWJ Zero width joiner</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>ZWJ Ký tự nối, không độ rộng</translation>
    </message>
    <message>
        <source>ZWNJ Zero width non-joiner</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>ZWNJ Ký tự ngăn nối, không độ rộng</translation>
    </message>
    <message>
        <source>ZWSP Zero width space</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>ZWSP Khoảng trắng không độ rộng</translation>
    </message>
</context>
<context>
    <name>QWhatsThisAction</name>
    <message>
        <source>What&apos;s This?</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Đây là gì?</translation>
    </message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Sao chép</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Dán</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Làm lại</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Hoàn tác</translation>
    </message>
    <message>
        <source>Copy &amp;Link Location</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Sao chép đị&amp;a chỉ liên kết</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>Cắ&amp;t</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Chọn tất cả</translation>
    </message>
</context>
<context>
    <name>QWizard</name>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Hoàn tất</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Trợ &amp;giúp</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>&amp;Tiếp theo</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Tiếp theo &gt;</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Quay lại</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>Xác nhận</translation>
    </message>
    <message>
        <source>Continue</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Tiếp tục</translation>
    </message>
    <message>
        <source>Done</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Xong</translation>
    </message>
    <message>
        <source>Go Back</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Quay lại</translation>
    </message>
    <message>
        <source>Help</source>
        <extracomment>From the Qt 6.8 catalogue; not met on Linux with Qt 6.12 (platform-specific, rare, or since renamed).</extracomment>
        <translation>Trợ giúp</translation>
    </message>
</context>
</TS>
