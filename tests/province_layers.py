"""Province profiles laid over the bundled forms for a test, as an installed law pack would be:
the app reads what a province asks ([reports], issue 12) from data, so a test that needs a
province asking other reports than the national defaults brings one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.core.catalog import Catalog, Layer, load_catalog

REPO = Path(__file__).resolve().parents[1]
# A province asking the full Mẫu 05 of every LĐTT nominee (as the national default did
# before issue 12).
FULL_LDTT = "tinh_mau_05"


def province_layer(folder: Path, code: str, reports: dict[str, str]) -> Layer:
    """forms/provinces/<code>.toml extending the national defaults with [reports]."""
    root = folder / f"layer_{code}"
    (root / "provinces").mkdir(parents=True, exist_ok=True)
    lines = [f'code = "{code}"', "valid_from = 2024-01-01", 'extends = "default"',
             f'name = "Tỉnh thử ({code})"', "[reports]"]
    lines += [f'{title} = "{value}"' for title, value in reports.items()]
    (root / "provinces" / f"{code}.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return Layer(root, f"test:{code}")


def full_ldtt_catalog(folder: Path, as_of: date | None = None) -> Catalog:
    layer = province_layer(folder, FULL_LDTT, {"lao_dong_tien_tien": "full"})
    return load_catalog(REPO / "forms", [layer], as_of=as_of)
