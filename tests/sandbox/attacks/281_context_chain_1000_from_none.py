# expect: ok
# output: chain built\nTraceback (most recent call last):\n  File "snippet.py", line 18, in <module>\n    raise current\n  File "snippet.py", line 14, in <module>\n    raise ValueError(f"link {i}") from None\nValueError: link 999\n
# returncode: 1
# aim: 1,000 exceptions chained through __context__, each `raise ... from None`, so CPython prints only the last traceback (short, exact output); a sandbox that walks the chain recursively to trim or format tracebacks overflows the stack (today: RecursionError in the child's frame stripping, exit 70, shown as SandboxError) (exits 1 under CPython; the parity test compares stdout+stderr and the return code)
# family: failures reported as the wrong thing (deep exception chain)
# 1,000 exceptions chained through __context__, each raised `from None`, so
# CPython shows only the last one; a recursive walk of the chain overflows.
current = ValueError("link 0")
for i in range(1, 1000):
    try:
        try:
            raise current
        except ValueError:
            raise ValueError(f"link {i}") from None
    except ValueError as exc:
        current = exc
print("chain built")
raise current
