"""qa_service: cited, verbatim answers over the LGIU report and its case studies."""

from qa_service.web.app import create_app

__all__ = ["create_app"]
