"""Add or edit a person and their year-by-year history, saved together in one transaction."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import Problem, UserError, ValidationError
from desktop.core.i18n import N_, _
from desktop.core.model import (
    Changes,
    Gender,
    History,
    Person,
    SubjectGroup,
    SubjectKind,
    SubjectRef,
)
from desktop.core.operations import registry as ops
from desktop.core.operations import work_units as wu_ops
from desktop.core.text import format_date, parse_date
from desktop.ui import history_forms as hf
from desktop.ui.buttons import Standard, dialog_buttons
from desktop.ui.context import AppContext
from desktop.ui.drafts import EditorDialog
from desktop.ui.eligibility_panel import EligibilityPanel, Unsaved
from desktop.ui.feedback import attempt
from desktop.ui.record_table import RecordTable
from desktop.ui.unconfirmed import tick_legend

ETHNICITIES = ["Kinh", "Tày", "Thái", "Mường", "Khmer", "Hoa", "Nùng", "H'Mông", "Dao",
               "Gia Rai", "Ê Đê", "Ba Na", "Sán Chay", "Chăm", "Cơ Ho", "Xơ Đăng", "Sán Dìu",
               "Hrê", "Ra Glai", "Mnông", "Thổ", "Khác"]


class HistoryTabs(QTabWidget):
    """The five history tables, shared by the person and the collective editors."""

    def __init__(self, context: AppContext, subject: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        catalog = context.catalog
        self.years = RecordTable(hf.year_fields(), _("&Thêm năm"), self)
        self.awards = RecordTable(hf.award_fields(catalog, subject),
                                  _("&Thêm danh hiệu / khen thưởng"), self)
        self.initiatives = RecordTable(hf.initiative_fields(catalog), _("&Thêm sáng kiến"), self)
        self.research = RecordTable(hf.research_fields(catalog), _("&Thêm đề tài"), self)
        self.discipline = RecordTable(hf.discipline_fields(), _("&Thêm kỷ luật"), self)
        self.claims = RecordTable(hf.claim_fields(catalog, subject), _("&Thêm xác nhận"), self)
        self.addTab(self.years, _("Theo năm (xếp loại, xác nhận)"))
        self.addTab(self.awards, _("Danh hiệu, khen thưởng"))
        self.addTab(self.initiatives, _("Sáng kiến"))
        self.addTab(self.research, _("Đề tài"))
        self.addTab(self.discipline, _("Kỷ luật"))
        self.addTab(self.claims, _("Xác nhận khác"))
        self._catalog = catalog
        self.awards.changed.connect(self.refresh_year_titles)
        self.years.changed.connect(self.refresh_year_titles)

    def refresh_year_titles(self) -> None:
        """The year table shows each year's titles and awards, read from the awards table."""
        by_year: dict[str, list[str]] = {}
        for award in self.awards.rows():
            info = self._catalog.titles.get(award["code"] or "")
            by_year.setdefault(str(award["year"]), []).append(
                info.short_name if info else str(award["code"]))
        self.years.set_column_text("titles", lambda row: ", ".join(by_year.get(row["year"], [])))

    def load(self, history: History) -> None:
        self.years.set_rows(hf.year_rows(history))
        self.awards.set_rows(hf.award_rows(history))
        self.initiatives.set_rows(hf.initiative_rows(history))
        self.research.set_rows(hf.research_rows(history))
        self.discipline.set_rows(hf.discipline_rows(history))
        self.claims.set_rows(hf.claim_rows(history))
        self.refresh_year_titles()

    def history(self) -> tuple[History, list[Problem]]:
        return hf.history_from_tables(self.years.rows(), self.awards.rows(),
                                      self.initiatives.rows(), self.research.rows(),
                                      self.discipline.rows(), self.claims.rows())


class LyLichForm(QWidget):
    """The Mẫu 05 lý lịch fields (LAW §6.3), all optional: what the achievement report prints
    in "I. Sơ lược lý lịch" besides name, birth, gender, ethnicity and position."""

    changed = Signal()

    FIELDS = (("hometown", N_("&Quê quán:"), N_("Ví dụ: xã Thanh Sơn, tỉnh Phú Thọ")),
              ("residence", N_("&Trú quán:"), N_("Nơi ở hiện nay")),
              ("qualification", N_("Trình độ &chuyên môn, nghiệp vụ:"),
               N_("Ví dụ: Đại học Sư phạm")),
              ("political_theory", N_("Lý luận &chính trị:"), N_("Ví dụ: Trung cấp")),
              ("academic_rank", N_("&Học hàm, học vị:"), N_("Ví dụ: Thạc sĩ")),
              ("party_post", N_("Chức vụ Đả&ng:"), N_("Ví dụ: Bí thư Chi bộ")),
              ("mass_org_post", N_("Chức vụ đoàn t&hể:"),
               N_("Ví dụ: Chủ tịch Công đoàn cơ sở")))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout(self)
        for key, label, placeholder in self.FIELDS:
            edit = QLineEdit()
            edit.textChanged.connect(lambda _t: self.changed.emit())
            edit.setPlaceholderText(_(placeholder))
            edit.setMaxLength(300)
            self.edits[key] = edit
            form.addRow(_(label), edit)
        note = QLabel(_("Không bắt buộc. Mục nào có thì báo cáo thành tích in mục đó; mục để "
                        "trống không in."))
        note.setObjectName("hint")
        form.addRow(note)

    def set_person(self, person: Person) -> None:
        for key, edit in self.edits.items():
            edit.setText(getattr(person, key))

    # drafts: the fields sit in a dict the editor's field walk does not see
    def draft_state(self) -> dict[str, str]:
        return self.values()

    def restore_draft_state(self, value: object) -> None:
        if not isinstance(value, dict):
            raise TypeError("lý lịch")
        for key, text in value.items():
            if key in self.edits and isinstance(text, str):
                self.edits[key].setText(text)

    def values(self) -> dict[str, str]:
        return {key: edit.text() for key, edit in self.edits.items()}


class PersonEditor(EditorDialog):
    help_page = "nguoi"

    def __init__(self, context: AppContext, person_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.person_id = person_id
        self.changes = Changes()
        self.saved: Person | None = None
        self.setWindowTitle(_("Thêm người") if person_id is None else _("Sửa thông tin cá nhân"))
        self.resize(1100, 660)

        self.full_name = QLineEdit()
        self.full_name.setPlaceholderText(_("Ví dụ: Nguyễn Thị Hoa"))
        self.birth_date = QLineEdit()
        self.birth_date.setPlaceholderText(_("ngày/tháng/năm"))
        self.gender = QComboBox()
        self.gender.addItem(_("(chưa chọn)"), None)
        for g in Gender:
            self.gender.addItem(g.label, g.value)
        self.ethnicity = QComboBox()
        self.ethnicity.setEditable(True)
        self.ethnicity.addItems(ETHNICITIES)
        self.position = QLineEdit()
        self.department = QComboBox()
        self.department.setEditable(True)
        self.department.addItems(ops.departments(context.store))
        self.department.setCurrentText("")
        # The work unit whose head certifies this person's achievement report.
        self.work_unit = QComboBox()
        self.work_unit.addItem(_("(không thuộc đơn vị nào: người đứng đầu đơn vị ký)"), None)
        for unit in wu_ops.list_work_units(context.store):
            self.work_unit.addItem(unit.label, unit.id)
            self.work_unit.setItemData(self.work_unit.count() - 1, unit.name,
                                       Qt.ItemDataRole.ToolTipRole)
        self.work_unit.activated.connect(self._work_unit_chosen)
        self.group = QComboBox()
        for grp in SubjectGroup:
            self.group.addItem(grp.label, grp.value)
        self.hired_on = QLineEdit()
        self.hired_on.setPlaceholderText(_("ngày/tháng/năm"))
        self.phone = QLineEdit()
        self.national_id = QLineEdit()
        self.national_id.setPlaceholderText(_("không bắt buộc; 12 chữ số"))

        info = QGroupBox(_("Thông tin cá nhân"))
        grid = QGridLayout(info)
        left, right = QFormLayout(), QFormLayout()
        left.addRow(_("&Họ và tên (*):"), self.full_name)
        left.addRow(_("&Ngày sinh:"), self.birth_date)
        left.addRow(_("&Giới tính:"), self.gender)
        left.addRow(_("&Dân tộc:"), self.ethnicity)
        left.addRow(_("Số CCC&D:"), self.national_id)
        right.addRow(_("&Chức vụ:"), self.position)
        right.addRow(_("Thuộc đơn vị &trực thuộc:"), self.work_unit)
        right.addRow(_("&Phòng ban, đơn vị:"), self.department)
        right.addRow(_("Đối &tượng:"), self.group)
        right.addRow(_("Ngày &vào làm:"), self.hired_on)
        right.addRow(_("Điện th&oại:"), self.phone)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)

        self.tabs = HistoryTabs(context, "individual", self)
        self.ly_lich = LyLichForm(self)
        self.tabs.addTab(self.ly_lich, _("Lý lịch (Mẫu 05)"))
        self.eligibility = EligibilityPanel(
            context, SubjectRef(SubjectKind.PERSON, person_id) if person_id else None, self,
            unsaved=self.unsaved_subject)
        self.tabs.addTab(self.eligibility, _("Xét điều kiện"))
        hint = QLabel(_("Quá trình khen thưởng theo năm. Mỗi sáng kiến chỉ được dùng cho một lần "
                        "khen thưởng. Các ô “Gương mẫu, Đoàn kết, Phong trào” do cán bộ xác "
                        "nhận: {legend}.").format(legend=tick_legend()))
        hint.setWordWrap(True)
        hint.setObjectName("hint")

        self.buttons = dialog_buttons(self, _("&Lưu"), self.save, ok=Standard.Save)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)

        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addWidget(hint)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)

        if person_id is not None:
            self._load(person_id)
        self.full_name.setFocus(Qt.FocusReason.OtherFocusReason)
        self.init_drafts(context, f"person.{person_id if person_id is not None else 'new'}")

    def draft_title(self) -> str:
        name = self.full_name.text().strip()
        return f"{self._title} – {name}" if name else self._title

    def values_changed(self) -> None:
        self.eligibility.subject_changed()

    def unsaved_subject(self) -> Unsaved:
        """The person as typed, for what-if eligibility (None: as stored)."""
        if not self.is_dirty():
            return None
        person, _problems = self.person_from_form()
        history, _history_problems = self.tabs.history()
        return person, history

    def save_changes(self) -> bool:
        self.save()
        return self.saved is not None

    def _load(self, person_id: int) -> None:
        store = self.context.store
        person = ops.get_person(store, person_id)
        if person is None:
            raise UserError(_("Người này không còn trong danh sách."))
        self.full_name.setText(person.full_name)
        self.birth_date.setText(format_date(person.birth_date))
        self.gender.setCurrentIndex(max(self.gender.findData(
            person.gender.value if person.gender else None), 0))
        self.ethnicity.setCurrentText(person.ethnicity)
        self.position.setText(person.position)
        self.department.setCurrentText(person.department)
        self.group.setCurrentIndex(max(self.group.findData(person.group.value), 0))
        self.hired_on.setText(format_date(person.hired_on))
        self.phone.setText(person.phone)
        self.national_id.setText(person.national_id)
        self.work_unit.setCurrentIndex(max(self.work_unit.findData(person.work_unit_id), 0))
        self.ly_lich.set_person(person)
        self.tabs.load(ops.get_history(store, SubjectRef(SubjectKind.PERSON, person_id)))

    def person_from_form(self) -> tuple[Person, list[Problem]]:
        problems: list[Problem] = []
        dates = {}
        for key, widget, label in (("birth_date", self.birth_date, _("Ngày sinh")),
                                   ("hired_on", self.hired_on, _("Ngày vào làm"))):
            try:
                dates[key] = parse_date(widget.text(), label)
            except UserError as exc:
                problems.append(Problem("person.field_invalid", key, exc.message))
                dates[key] = None
        gender = self.gender.currentData()
        person = Person(
            id=self.person_id, full_name=self.full_name.text(), birth_date=dates["birth_date"],
            gender=Gender(gender) if gender else None, ethnicity=self.ethnicity.currentText(),
            position=self.position.text(), department=self.department.currentText(),
            group=SubjectGroup(self.group.currentData()), hired_on=dates["hired_on"],
            phone=self.phone.text(), national_id=self.national_id.text(),
            work_unit_id=self.work_unit.currentData(), **self.ly_lich.values())
        return person, problems

    def _work_unit_chosen(self) -> None:
        """A work unit chosen while the department is still empty names it there too."""
        if self.work_unit.currentData() is not None and not self.department.currentText():
            self.department.setCurrentText(self.work_unit.currentText())

    def save(self) -> None:
        person, problems = self.person_from_form()
        history, history_problems = self.tabs.history()
        problems += history_problems
        ctx = self.context

        def write() -> tuple[Person, Changes]:
            if problems:
                # Show every problem at once: the parse errors and the operation's own checks.
                raise ValidationError(problems + ops.validate_person(person, ctx.today()))
            if self.person_id is None:
                return ops.add_person(ctx.store, ctx.catalog, person, history, ctx.actor,
                                      ctx.today())
            return ops.update_person(ctx.store, ctx.catalog, replace(person, id=self.person_id),
                                     history, ctx.actor, ctx.today())

        refused: list[ValidationError] = []

        def write_noting_refusal() -> tuple[Person, Changes]:
            try:
                return write()
            except ValidationError as exc:
                refused.append(exc)
                raise

        result = attempt(self, write_noting_refusal, ctx.store)  # on failure nothing written
        if result is not None:
            self.saved, self.changes = result
            self.accept()
        elif refused:
            self._focus_problem(refused[0])

    def _focus_problem(self, exc: ValidationError) -> None:
        """After the list of problems, the cursor waits in the first field named (the CCCD
        another person holds, the date that cannot be read), its text selected."""
        fields = {"full_name": self.full_name, "birth_date": self.birth_date,
                  "national_id": self.national_id, "hired_on": self.hired_on,
                  "phone": self.phone}
        for problem in exc.problems:
            widget = fields.get(problem.field)
            if widget is not None:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                widget.selectAll()
                return
