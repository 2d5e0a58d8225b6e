# expect: ok
# output: exiting\n
# aim: raise SystemExit(code) with an int subclass whose __bool__/__index__/__int__ raise: CPython takes the int value directly and exits 0 silently; the sandbox must too (today: `if code:` calls __bool__, the child dies with exit 70 and the run is shown as SandboxError) (exits 0 under CPython)
# family: failures reported as the wrong thing (SystemExit with a hostile code)
class Code(int):
    def __bool__(self):
        raise RuntimeError("truth is relative")

    def __index__(self):
        raise RuntimeError("no index")

    def __int__(self):
        raise RuntimeError("no int")


print("exiting")
raise SystemExit(Code(0))
