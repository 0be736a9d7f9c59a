"""PyInstaller runtime hook (build.spec): the bundle's Python modules that both executables
share, in _internal/hoso-modules.zip, are imported from there.

Each executable carries its own archive of Python modules, so on Windows, where hoso.exe
(console) and hoso-gui.exe (windowed) are two files, that archive would be there twice;
build.spec keeps only the standard library and the packages with files of their own in it
and puts the rest (the app, reportlab, pyhanko, openpyxl …) in this one zip. It runs before
the app's first import, in the app and in every spawned render worker.
"""

import os
import sys

sys.path.append(os.path.join(sys._MEIPASS, "hoso-modules.zip"))  # type: ignore[attr-defined]
