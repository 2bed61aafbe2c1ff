"""The suite's clients: how every check drives a target and sees its answers unfiltered.

`http` makes the per-agent httpx client and performs bounded, recorded exchanges; `rest`
speaks the GWS REST API; `bayeux` speaks CometD (a wire layer for protocol checks and a
session layer for feature checks).
"""
