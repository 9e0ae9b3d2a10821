"""The REST API: ``create_app`` builds the FastAPI application that ``entente serve`` runs."""

from entente.api.app import create_app
from entente.api.settings import ApiSettings

__all__ = ["ApiSettings", "create_app"]
