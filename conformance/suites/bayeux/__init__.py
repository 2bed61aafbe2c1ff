"""The CometD/Bayeux protocol section (BAYEUX-*): https://docs.cometd.org/current/reference/#_bayeux

Each check drives fresh Bayeux clients of its own (fixture `bayeux`), never the agents'
long-lived sessions, so that it can send odd messages and time the answers. Events come
from `events`: on a GWS target a REST call that notifies agent A, on a Bayeux-only target a
publish from another client.
"""
