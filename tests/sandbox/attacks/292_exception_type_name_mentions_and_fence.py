# expect: blocked
# aim: judged on the bot's reply, not the raw output: a task fails with an exception class whose __name__ (built with the real type) carries @everyone, @here, a role and a user mention and a closing code fence followed by text, raised inside asyncio.run so the reported type comes through the asyncio path; __qualname__ is benign, so the raw output never shows the marker; the reply's status line ("❌ {error.type} ...") must not contain a raw mention or a ``` that closes the output block early, and the message must be sent with mentions disabled. The attack worked if the reply pings or breaks the block (marker PING-292 visible outside the code block)
# marker: PING-292-04d1
# family: reply injection (mentions and fences in the type name)
import asyncio

U = chr(95) * 2
token = "-".join(["PING", "292", "04d1"])
name = "Oops @everyone @here <@&123456789012345678> <@123456789012345678> ```\n" + token + "\n```py"
Evil = type(int)(name, (RuntimeError,), {U + "qualname" + U: "Oops"})


async def main():
    await asyncio.sleep(0)
    raise Evil("boom")


asyncio.run(main())
