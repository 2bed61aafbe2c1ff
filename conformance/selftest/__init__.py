"""Self-test: the suite against the clean reference server, against every fault and every variant.

A fault must make the requirements it names FAIL (PASS-NONSTRICT for a SHOULD); the clean
run must be all PASS; every MUST requirement needs a fault that kills it; every check must
be killed by at least one fault (the kill matrix, matrix.py). A variant, alone or with the
variants compatible with it, must leave no verdict worse than the clean run (the tolerance
matrix, tolerance.py). Repeated clean runs expose flaky verdicts.
"""
