"""Export the packaged MiniLM to int8 ONNX, offline: `python scripts/export_onnx.py [--force]`."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, export (unless already there), print one summary line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default=os.environ.get("QA_MODEL"), help="fp32 model folder")
    parser.add_argument("--output", type=Path, default=None, help="target .onnx (default: .cache/onnx/)")
    parser.add_argument("--force", action="store_true", help="export even when the file exists")
    args = parser.parse_args(argv)
    from qa_service.encoders.onnx_export import default_onnx_path, export_int8
    from qa_service.encoders.torch import default_model_path, weights_checksum

    model = args.model or default_model_path()
    if not Path(model).is_dir():
        print(f"error: model folder {model} does not exist", file=sys.stderr)
        return 2
    checksum = weights_checksum(model)
    target = args.output or default_onnx_path(checksum)
    started = time.perf_counter()
    if args.force or not target.exists():
        export_int8(model, target, checksum)
        print(f"exported int8 ONNX to {target} in {time.perf_counter() - started:.1f} s")
    else:
        print(f"int8 ONNX already at {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
