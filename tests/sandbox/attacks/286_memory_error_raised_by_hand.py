# expect: ok
# output: nothing here is out of memory\nTraceback (most recent call last):\n  File "snippet.py", line 7, in <module>\n    raise MemoryError("raised by hand")\nMemoryError: raised by hand\n
# returncode: 1
# aim: a MemoryError raised by hand (nothing ran out of memory) exits 1 with a normal traceback; the status must be "error" with error.type MemoryError, not "memory" (which the bot shows as "it used more than N MiB of memory"); the parity test's status check catches this (exits 1 under CPython; the parity test compares stdout+stderr and the return code)
# family: failures reported as the wrong thing (MemoryError by hand)
print("nothing here is out of memory")
raise MemoryError("raised by hand")
