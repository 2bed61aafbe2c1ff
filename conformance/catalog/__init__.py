"""The versioned requirement catalog: every check names one of these requirements."""

from conformance.catalog.model import Catalog, Requirement, load_catalog

__all__ = ["Catalog", "Requirement", "load_catalog"]
