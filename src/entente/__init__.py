"""Entente: a sourced record of international relations from news coverage."""

__version__ = "0.1.0"
