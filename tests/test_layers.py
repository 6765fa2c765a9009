"""The layering holds: the CLI never loads Textual, and the import contracts pass."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_improve_list_does_not_import_textual(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "IMPROVE_DB": str(tmp_path / "s.json"),
        "IMPROVE_CONFIG": str(tmp_path / "c.toml"),
    }
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "from improve.cli import main; main(['list'])"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    assert "improve.cli" in imported
    assert not {name for name in imported if name.split(".")[0] in ("textual", "rich")}


def test_import_contracts_hold() -> None:
    linter = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    if not Path(linter).exists():
        pytest.skip("import-linter is not installed")
    result = subprocess.run(
        [linter], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" not in result.stdout.lower().replace("0 broken", "")


def test_no_module_imports_itself_through_another() -> None:
    grimp = pytest.importorskip("grimp")
    graph = grimp.build_graph("improve")
    circles = sorted(
        (module, imported)
        for module in graph.modules
        for imported in graph.find_modules_directly_imported_by(module)
        if graph.chain_exists(importer=imported, imported=module)
    )
    assert circles == []
