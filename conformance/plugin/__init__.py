"""pytest plugin (entry point `gws_conformance`): inert unless a suite run is requested."""
