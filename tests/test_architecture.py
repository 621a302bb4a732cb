"""The layers hold: imports (read with ast) go only downwards, no cycles, no evaluation in the wheel."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import zipfile
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Lower layers never import higher ones; modules of one layer may import each other (without cycles).
LAYERS = {
    "models": 0, "errors": 0, "config": 0,
    "index": 1, "encoders": 1,
    "ingest": 2,
    "answering": 3,
    "editorial": 4,
    "web": 5,
}  # fmt: skip
TOP = 6  # qa_service/__init__.py: the package's face, create_app
MAX_MODULES = 12  # per folder, __init__.py not counted


def module_name(path: Path) -> str:
    """Return the dotted module name of a file under ROOT."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(package: str) -> dict[str, Path]:
    """Return every module of a top-level package by dotted name."""
    return {module_name(path): path for path in sorted((ROOT / package).rglob("*.py"))}


def imported(path: Path, known: set[str]) -> set[str]:
    """Return the project modules a file imports anywhere (top level, functions, TYPE_CHECKING)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from a.b import c` imports module a.b.c when there is one, else a name of a.b
            found.update(f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in known else node.module
                         for a in node.names)  # fmt: skip
    return {name for name in found if name.split(".")[0] in {"qa_service", "evaluation"}}


def graph(*packages: str) -> dict[str, set[str]]:
    """Return module -> the project modules it imports, for the given top-level packages."""
    found = {name: path for package in packages for name, path in modules(package).items()}
    return {name: imported(path, set(found)) for name, path in found.items()}


def layer(module: str) -> int:
    """Return the layer of a qa_service module."""
    parts = module.split(".")
    return TOP if len(parts) == 1 else LAYERS[parts[1]]


def test_every_module_belongs_to_a_known_layer():
    nested = [name.split(".") for name in modules("qa_service") if "." in name]
    unknown = sorted(".".join(parts) for parts in nested if parts[1] not in LAYERS)
    assert not unknown, f"add these to LAYERS (or move them into a layer folder): {unknown}"


def test_the_import_graph_has_no_cycles():
    try:
        tuple(TopologicalSorter(graph("qa_service", "evaluation")).static_order())
    except CycleError as error:
        pytest.fail(f"import cycle: {' -> '.join(error.args[1])}")


def test_imports_only_go_down_the_layers():
    upward = [
        f"{module} ({layer(module)}) imports {target} ({layer(target)})"
        for module, targets in graph("qa_service").items()
        for target in targets
        if target.startswith("qa_service") and layer(target) > layer(module)
    ]
    assert not upward, "\n".join(upward)


def test_the_runtime_package_never_imports_evaluation():
    leaks = [
        (m, t) for m, targets in graph("qa_service").items() for t in targets if t.startswith("evaluation")
    ]
    assert not leaks


@pytest.mark.parametrize("package", ["qa_service", "evaluation"])
def test_every_folder_holds_at_most_twelve_modules(package):
    folders = {path.parent for path in (ROOT / package).rglob("*.py")}
    crowded = {
        str(folder.relative_to(ROOT)): count
        for folder in folders
        if (count := len([p for p in folder.glob("*.py") if p.name != "__init__.py"])) > MAX_MODULES
    }
    assert not crowded


def test_the_graph_sees_real_imports():
    edges = graph("qa_service")
    assert "qa_service.index.dense" in edges["qa_service.index.store"]  # `from x import module` form
    assert "qa_service.models" in edges["qa_service.answering.compose"]


@pytest.mark.parametrize(
    ("module", "absent"),
    [
        ("qa_service.web.validation", ("faiss", "flask", "torch")),  # parse a request: nothing heavy
        ("qa_service.answering.compose", ("faiss", "flask", "torch")),  # the pure core
        ("qa_service.editorial.answers", ("flask",)),  # editorial knows no web framework
        ("qa_service.editorial.analytics", ("flask",)),
        ("qa_service.models", ("faiss", "flask", "torch", "sqlalchemy")),
    ],
)
def test_light_modules_load_no_heavy_library(module, absent):
    code = f"import sys, {module}; print(','.join(m for m in {absent!r} if m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == ""


def test_the_wheel_ships_no_evaluation_code(tmp_path):
    source = tmp_path / "src"  # a copy, so the build's build/ and egg-info never land in the worktree
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("qa_service", "evaluation"):  # evaluation/ is there, and must still stay out
        shutil.copytree(ROOT / folder, source / folder, ignore=skip)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "--no-build-isolation",
         "-w", str(tmp_path / "dist")],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert build.returncode == 0, build.stderr
    (wheel,) = (tmp_path / "dist").glob("qa_service-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "qa_service/web/app.py" in names and "qa_service/py.typed" in names
    shipped = {name.split("/")[0] for name in names}
    assert not {"evaluation", "bench", "scripts", "tests"} & shipped
    assert "qa_service/web/templates/chat.html" in names  # package data still ships
    assert not [name for name in names if re.search(r"(^|/)(evaluation|eval_|calibration|ranking)", name)]
