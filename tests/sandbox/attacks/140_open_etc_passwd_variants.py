# expect: blocked
# aim: reads /etc/passwd with the open builtin using path spellings a naive path check might miss (plain, bytes, '//', '/./', '..' segments)
# marker: ESCAPED-140-3c85
# family: file access (open builtin, path normalisation)
MARK = "-".join(["ESCAPED", "140", "3c85"])
SPELLINGS = (
    "/etc/passwd",
    b"/etc/passwd",
    "//etc//passwd",
    "/./etc/./passwd",
    "/tmp/../etc/passwd",
    "../../../../../../../../etc/passwd",
)

for path in SPELLINGS:
    try:
        with open(path) as fh:
            text = fh.read()
    except Exception:
        continue
    if text.startswith("root:"):
        print(MARK, "read", repr(path), "->", text.splitlines()[0])
        break
