"""Self-test: the suite against the clean reference server and against every fault.

A fault must make the requirements it names FAIL (PASS-NONSTRICT for a SHOULD); the clean
run must be all PASS; every MUST requirement needs a fault that kills it; every check must
be killed by at least one fault. Repeated clean runs expose flaky verdicts.
"""
