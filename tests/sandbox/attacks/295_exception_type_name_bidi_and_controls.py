# expect: blocked
# aim: judged on the bot's reply: an exception class name (built with the real type) made of control and formatting characters - carriage return, ANSI escape sequences that clear the line and recolour, a right-to-left override (U+202E) that visually reverses "❌" text into a fake success, zero-width joiners, and Discord's spoiler/underline markup (||, __) - to disguise the status line; the reply must show the type name with controls removed or escaped. The marker sits inside the reversed part and never appears in the raw output (the __qualname__ is benign)
# marker: BIDI-295-58aa
# family: reply injection (control characters in the type name)
U = chr(95) * 2
token = "-".join(["BIDI", "295", "58aa"])
name = "\r\x1b[2K\x1b[32m\u202e" + token + " dehsiniF \u2705\u202c\u200d||spoiler|| __under__"
Hidden = type(int)(name, (KeyError,), {U + "qualname" + U: "Hidden"})
raise Hidden("k")
