# expect: ok
# output: start\nTraceback (most recent call last):\n  File "snippet.py", line 7, in <module>\n    raise ValueError("half a pair: \\ud800 end")\nValueError: half a pair: \\ud800 end\n
# returncode: 1
# aim: an exception message holding a lone surrogate ("\ud800"): stderr shows it backslash-escaped as CPython does, but the message also travels in Result.error; `python -m bot.sandbox run` must still print one JSON object (today Result.to_json(ensure_ascii=False) plus print() raise UnicodeEncodeError and the CLI crashes with a traceback), and a Discord reply must not choke on it (exits 1 under CPython; the parity test compares stdout+stderr and the return code)
# family: failures reported as the wrong thing (lone surrogate in an error message)
print("start")
raise ValueError("half a pair: \ud800 end")
