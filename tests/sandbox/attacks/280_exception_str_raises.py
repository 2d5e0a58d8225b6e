# expect: ok
# output: before\nTraceback (most recent call last):\n  File "snippet.py", line 12, in <module>\n    raise Sulky("hidden")\nSulky: <exception str() failed>\n
# returncode: 1
# aim: an uncaught exception whose __str__ raises: CPython prints `Sulky: <exception str() failed>` and exits 1; the sandbox must report it the same way (status error, error.type Sulky), not fail while building its own error report (today: str(exc) in the child's report raises, the child exits 70 and the run is shown as SandboxError 'the jail could not be set up') (exits 1 under CPython; the parity test compares stdout+stderr and the return code)
# family: failures reported as the wrong thing (exception __str__ raises)
class Sulky(Exception):
    def __str__(self):
        raise RuntimeError("no text for you")


print("before")
raise Sulky("hidden")
