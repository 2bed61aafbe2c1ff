"""Steps a check takes on the target: sending its stimulus, and bringing an email into the
state the check starts from. A step that cannot be carried out raises Blocked; judging what
the target did is conformance.verify's job."""
