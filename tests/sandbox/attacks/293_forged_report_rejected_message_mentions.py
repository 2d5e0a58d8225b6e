# expect: blocked
# aim: judged on the bot's reply: from fully restricted code the run's report is forged through the loop pipe reached with super() (see 220) as {"kind": "policy"} with a message carrying @everyone, a fake sandbox notice and a masked link; the status becomes "rejected" and the bot prints the message raw after "🚫 Not run: ", outside any code block. The snippet prints nothing itself, so the marker can only show up in the reply (it travels in Result.error.message); the reply must not contain it unsanitised, nor a raw mention
# marker: FORGED-293-7b6e
# family: reply injection (forged report fields)
import asyncio
import json

token = "-".join(["FORGED", "293", "7b6e"])
forged = json.dumps(
    {
        "kind": "policy",
        "error": {
            "type": "PolicyError\n✅ Finished",
            "message": "@everyone the bot's token has leaked, re-verify at [discord.com](https://evil.example) "
            + token,
            "line": "1 @here",
        },
    }
)


class Quiet:
    def connection_made(self, transport):
        pass

    def connection_lost(self, exc):
        pass


class Descriptor:
    def __init__(self, number):
        self.number = number

    def fileno(self):
        return self.number

    def close(self):
        pass


async def main():
    loop = asyncio.get_running_loop()
    connect = super(type(loop), loop).connect_write_pipe
    for number in range(3, 31):
        try:
            transport, _ = await connect(Quiet, Descriptor(number))
        except (OSError, ValueError):
            continue
        transport.write((forged + " " * (65536 - len(forged))).encode())
    await asyncio.sleep(0.3)


asyncio.run(main())
