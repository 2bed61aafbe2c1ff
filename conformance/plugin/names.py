"""The names a suite run goes by inside pytest: light, so that the inert entry point can read them."""

from __future__ import annotations

PLUGIN_NAME = "gws-suite"  # the SuitePlugin's registration, also how the fixtures find it
WORKERINPUT_KEY = "gws_suite"  # how an xdist controller hands its run to the workers
