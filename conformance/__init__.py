"""gws-conformance: a conformance test suite for the GWS API v2 Email API.

Public API:
    load_catalog()            -> Catalog of requirements
    load_profile(path)        -> TargetProfile
    run(...)                  -> run the suite, write reports, return the exit code
    ReferenceServer           -> the embedded reference GWS email server (conformance.reference)
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
