# expect: blocked
# aim: calls the real exec found at dataclasses.builtins.exec on a source string (unrestricted code, real builtins) that imports os and runs `id`
# marker: ESCAPED-149-0d8e
# family: allowlisted-module attribute leak (dataclasses.builtins)
import dataclasses

MARK = "-".join(["ESCAPED", "149", "0d8e"])
box = []

real_exec = dataclasses.builtins.exec
real_exec("import os\nbox.append(os.popen('id').read())\n", {"box": box})
if box and "uid=" in box[0]:
    print(MARK, box[0].strip()[:80])
