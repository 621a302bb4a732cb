"""qa_service: cited, verbatim answers over the LGIU report and its case studies."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from qa_service.web.app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    """Import the app factory on first use, so `import qa_service.models` loads no Flask or FAISS."""
    if name == "create_app":
        from qa_service.web.app import create_app

        return create_app
    raise AttributeError(f"module 'qa_service' has no attribute {name!r}")
