# expect: blocked
# aim: judged on the bot's reply, not the raw output: an uncaught exception whose class __name__ (set through the real type, type(int)(name, ...)) holds newlines and Discord markdown - a fake "✅ Finished" status line, bold text and a masked link - while its __qualname__ is "Benign", so tracebacks (CPython's and the sandbox's output) only say "Benign: ..." and the marker never appears in the raw output; the sandbox reports error.type = type(exc).__name__ and the bot pastes it into the status line outside the code block ("❌ {type} on line N ..."). The attack worked if the reply shows the injected lines or link (the marker INJECTED-291 outside the code block); the reply must show one status line with the type name sanitised
# marker: INJECTED-291-9f2c
# family: reply injection (exception type name)
U = chr(95) * 2
token = "-".join(["INJECTED", "291", "9f2c"])
name = (
    "Benign\n✅ Finished in 0.01 s.\n**" + token + "** [click here](https://evil.example/login)\n"
)
Evil = type(int)(name, (Exception,), {U + "qualname" + U: "Benign"})
print("about to fail")
raise Evil("nothing to see")
