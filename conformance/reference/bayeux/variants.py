"""Allowed variations of the CometD/Bayeux hub: choices Bayeux 1.0 and CometD leave open.

Adding a variant is one constant and one `Variant` here plus one hook where the behaviour is
decided (grep the constant to find it); `switches.py` says what a variant promises.
"""

from __future__ import annotations

from conformance.reference.switches import Variant

VARIANTS: tuple[Variant, ...] = ()
