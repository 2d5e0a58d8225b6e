# expect: ok
# output: Traceback (most recent call last):\n  File "snippet.py", line 11, in <module>\n    raise SyntaxError(Message(), ("snippet.py", 1, 5, "x = = 1\\n"))\n  File "snippet.py", line 1\n    x = = 1\n        ^\nSyntaxError: <exception str() failed>\n
# returncode: 1
# aim: a SyntaxError raised by hand with location details and a msg object whose __str__ raises: CPython prints the source line, the caret and `SyntaxError: <exception str() failed>`; the sandbox must report the same output and a str error.message (today: the child fails while printing, exit 70, SandboxError) (exits 1 under CPython; the parity test compares stdout+stderr and the return code)
# family: failures reported as the wrong thing (SyntaxError with a hostile msg)
class Message:
    def __str__(self):
        raise RuntimeError("no text")


raise SyntaxError(Message(), ("snippet.py", 1, 5, "x = = 1\n"))
