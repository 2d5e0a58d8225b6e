# expect: blocked
# aim: creates a symlink inside the throwaway working directory that points at /etc/passwd, then opens it by its relative in-cwd name (a path-prefix check on the opened name would pass)
# marker: ESCAPED-148-b6c2
# family: OS-layer isolation (symlink escape from the working directory)
import dataclasses
import json

MARK = "-".join(["ESCAPED", "148", "b6c2"])

os_mod = None
for get in (
    lambda: dataclasses.sys.modules["os"],
    lambda: json.codecs.sys.modules["os"],
    lambda: dataclasses.inspect.os,
):
    try:
        os_mod = get()
        break
    except Exception:
        continue

if os_mod is not None:
    try:
        os_mod.symlink("/etc/passwd", "innocent.txt")
        with open("innocent.txt") as fh:
            text = fh.read()
    except Exception:
        text = ""
    if text.startswith("root:"):
        print(MARK, "read through cwd symlink:", text.splitlines()[0])
