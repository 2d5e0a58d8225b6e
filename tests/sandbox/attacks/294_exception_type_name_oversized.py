# expect: blocked
# aim: judged on the bot's reply: an exception class whose __name__ (built with the real type) is 6,000 characters long, with the marker at its end; the status line alone exceeds Discord's 2,000-character message limit, so the room left for the output block goes negative - the reply must still be a valid message under the limit (truncated status line), not an error from Discord or the bot's formatter; the raw output shows only the benign __qualname__
# marker: TAIL-294-c3e9
# family: reply injection (oversized type name)
U = chr(95) * 2
name = "Long" + "x" * 6000 + "-".join(["TAIL", "294", "c3e9"])
Huge = type(int)(name, (ValueError,), {U + "qualname" + U: "Huge"})
raise Huge("short message")
