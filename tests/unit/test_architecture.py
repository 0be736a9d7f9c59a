"""Guard rails of the architecture that import-linter cannot see (issue 10 point 7):
SQL lives only in desktop/core/store. Every module elsewhere in desktop/ is parsed (not
imported) and refused if it runs SQL (`.execute(`, `.executescript(`, `.executemany(`,
`.query(`, `sqlite3.connect(`, the raw `.conn`) or holds an SQL statement in a string."""

from __future__ import annotations

import ast
import re
from pathlib import Path

DESKTOP = Path(__file__).resolve().parents[2] / "desktop"
STORE = DESKTOP / "core" / "store"

SQL_CALLS = {"execute", "executescript", "executemany", "query"}
SQL_TEXT = re.compile(
    r"\b(SELECT\b[\s\S]*\bFROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM"
    r"|CREATE\s+(VIRTUAL\s+)?(TABLE|INDEX|VIEW|TRIGGER)|DROP\s+(TABLE|INDEX|VIEW)"
    r"|ALTER\s+TABLE|PRAGMA\s+\w+)\b")


def _modules() -> list[Path]:
    return sorted(p for p in DESKTOP.rglob("*.py")
                  if STORE not in p.parents and "__pycache__" not in p.parts)


def _string_parts(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):   # an f-string: a word for each {value}
        return ["".join(v.value if isinstance(v, ast.Constant) else "x" for v in node.values)]
    return []


def sql_found(source: str) -> list[tuple[int, str]]:
    """(line, what) for every SQL call or SQL text in a module's source."""
    tree = ast.parse(source)
    found = []
    # prose is not SQL: docstrings, and the pieces of an f-string (read as a whole)
    skip = {id(n.body[0].value) for n in ast.walk(tree)
            if isinstance(n, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and n.body and isinstance(n.body[0], ast.Expr)}
    skip |= {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            name = node.func.attr
            owner = node.func.value
            if name in SQL_CALLS:
                found.append((node.lineno, f".{name}("))
            elif name == "connect" and isinstance(owner, ast.Name) and owner.id == "sqlite3":
                found.append((node.lineno, "sqlite3.connect("))
        elif isinstance(node, ast.Attribute) and node.attr == "conn":
            found.append((node.lineno, ".conn (the raw connection)"))
        elif isinstance(node, ast.Constant | ast.JoinedStr) and id(node) not in skip:
            for text in _string_parts(node):
                match = SQL_TEXT.search(text)
                if match:
                    found.append((node.lineno, f"SQL text “{match.group(0)[:40]}”"))
    return sorted(found)


def test_sql_only_in_the_store() -> None:
    offenders = []
    for path in _modules():
        relative = path.relative_to(DESKTOP.parent).as_posix()
        offenders += [f"{relative}:{line}: {what}"
                      for line, what in sql_found(path.read_text("utf-8"))]
    assert not offenders, ("SQL outside desktop/core/store (move it into a store module):\n"
                           + "\n".join(offenders))


def test_the_check_sees_what_it_should() -> None:
    """The detector itself, on small sources: calls, f-strings, connections; not prose."""
    assert [w for _l, w in sql_found("db.execute('SELECT 1 FROM t')")] == [
        ".execute(", "SQL text “SELECT 1 FROM”"]
    assert sql_found("rows = store.db.query(q)")
    assert sql_found("c = sqlite3.connect(':memory:')")
    assert sql_found("v = store.conn")
    assert sql_found("q = f'UPDATE {table} SET a = 1'")
    assert sql_found("q = 'INSERT OR IGNORE INTO t VALUES (?)'")
    assert sql_found("q = 'pragma_user_version'") == []
    assert sql_found('"""Select the people from the list: an update set by the officer."""') \
        == []
    assert sql_found("label = _('Chọn (SELECT) người từ danh sách')") == []


# ---- what the UI and the command line may import from core ---------------------------------------

# The UI's side of the import-linter contract in pyproject.toml: operations, and the plain
# values and helpers the operations speak in. The command line also runs three stateless
# checks of a file (package verify/inspect, pdf verify, the eligibility batch), with their
# temporary folders from core.files.
UI_MAY_USE = {"operations", "model", "errors", "i18n", "text", "catalog"}
CLI_MAY_ALSO_USE = {"package", "signatures", "rules", "files"}


def _forbidden_for(source: str) -> set[str]:
    import tomllib

    config = tomllib.loads((DESKTOP.parent / "pyproject.toml").read_text("utf-8"))
    (contract,) = [c for c in config["tool"]["importlinter"]["contracts"]
                   if c["type"] == "forbidden" and c["source_modules"] == [source]]
    return {m.removeprefix("desktop.core.") for m in contract["forbidden_modules"]
            if m.startswith("desktop.core.")}


def _core_packages() -> set[str]:
    core = DESKTOP / "core"
    return ({p.name for p in core.iterdir() if (p / "__init__.py").is_file()}
            | {p.stem for p in core.glob("*.py") if p.stem != "__init__"})


def test_every_core_package_is_allowed_or_forbidden_to_the_ui_and_cli() -> None:
    """A new package in desktop/core must be placed on one side of each contract, or the
    UI could reach it unchecked."""
    core = _core_packages()
    ui_forbidden = _forbidden_for("desktop.ui")
    cli_forbidden = _forbidden_for("desktop.cli")
    assert ui_forbidden | UI_MAY_USE == core, sorted(core ^ (ui_forbidden | UI_MAY_USE))
    assert not ui_forbidden & UI_MAY_USE
    cli_allowed = UI_MAY_USE | CLI_MAY_ALSO_USE
    assert cli_forbidden | cli_allowed == core, sorted(core ^ (cli_forbidden | cli_allowed))
    assert not cli_forbidden & cli_allowed


MAX_MODULE_LINES = 700


def test_no_module_is_over_700_lines() -> None:
    """A module past ~700 lines is a package of modules by intention waiting to happen (the
    developers' guide); two crept past it unnoticed, so the limit is now checked."""
    long = {str(p.relative_to(DESKTOP)): n for p in DESKTOP.rglob("*.py")
            if "__pycache__" not in p.parts
            and (n := len(p.read_text("utf-8").splitlines())) > MAX_MODULE_LINES}
    assert long == {}
