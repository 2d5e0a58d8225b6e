# expect: blocked
# check: status=error error.type=ValueError (not SandboxError)
# aim: 1,000 exceptions chained through __cause__ (`raise ... from previous`); CPython's own C traceback display gives up on it (it prints an object dump with addresses, so no exact output can be stated), but the run is an ordinary failing program: the Result must be status "error" with error.type "ValueError" and the output must start with "chain built" (today the child's recursive frame stripping overflows, it exits 70 and the run is shown as SandboxError "the jail could not be set up"). The marker is never printed; test_attacks' no-SandboxError assertion and the check line are the test
# marker: NEVER-PRINTED-282
# family: failures reported as the wrong thing (deep exception chain)
previous = None
for i in range(1000):
    try:
        raise ValueError(i) from previous
    except ValueError as exc:
        previous = exc
print("chain built")
raise previous
