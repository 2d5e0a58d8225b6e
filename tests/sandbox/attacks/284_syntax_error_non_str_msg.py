# expect: ok
# output: raising\nTraceback (most recent call last):\n  File "snippet.py", line 7, in <module>\n    raise SyntaxError(42)\nSyntaxError: 42\n
# returncode: 1
# aim: a SyntaxError raised by hand with a non-str msg (42): the output matches CPython, but the Result must stay well-typed - the test should also check error.message is a str (today it is the int 42, which the bot's formatting and any JSON schema downstream do not expect) (exits 1 under CPython; the parity test compares stdout+stderr and the return code)
# family: failures reported as the wrong thing (SyntaxError with a non-str msg)
print("raising")
raise SyntaxError(42)
