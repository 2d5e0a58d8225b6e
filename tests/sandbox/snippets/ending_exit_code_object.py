class Code:
    def __bool__(self):
        raise RuntimeError("no truth")

    def __index__(self):
        raise RuntimeError("no index")

    def __str__(self):
        return "a code object"


print("exiting")
raise SystemExit(Code())
