# expect: ok
# output: exiting\n\n
# returncode: 1
# aim: raise SystemExit(obj) where obj is not an int and its __str__/__repr__ raise: CPython prints an empty line for it and exits 1; the sandbox must do the same (today print(code) raises inside the child's SystemExit handling, exit 70, shown as SandboxError) (exits 1 under CPython; the parity test compares stdout+stderr and the return code)
# family: failures reported as the wrong thing (SystemExit with a hostile code)
class Code:
    def __str__(self):
        raise RuntimeError("no text")

    def __repr__(self):
        raise RuntimeError("no repr")


print("exiting")
raise SystemExit(Code())
