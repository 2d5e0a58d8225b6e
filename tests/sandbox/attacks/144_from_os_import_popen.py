# expect: blocked
# aim: `from os import popen` (a from-import may take a different path through an import hook than `import os`) then runs `id`
# marker: ESCAPED-144-2b93
# family: import guard (from-import of a denied module)
from os import popen

MARK = "-".join(["ESCAPED", "144", "2b93"])

out = popen("id").read()
if "uid=" in out:
    print(MARK, out.strip()[:80])
