# expect: ok
# output: a|says|hi; b|says|hi; \nnospaces\ntab\tseparated\nno newline -> continued\n1, 2.5, None, True, [3].\nunicode: caf\xe9 \u2713\n\nend\n
import asyncio


async def speak(name, delay):
    await asyncio.sleep(delay)
    print(name, "says", "hi", sep="|", end="; ")


async def main():
    await asyncio.gather(speak("b", 0.02), speak("a", 0.01))
    print()
    print("no", "spaces", sep="")
    print("tab", "separated", sep="\t")
    print("no newline", end="")
    print(" -> continued")
    print(1, 2.5, None, True, [3], sep=", ", end=".\n")
    print("unicode: caf\u00e9 \u2713")
    print()
    print("end")


asyncio.run(main())
