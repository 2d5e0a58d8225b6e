# expect: blocked
# aim: gets an arbitrary memory write by writing to /proc/self/mem at id(obj) + header size, overwriting the contents of an immutable bytes object (the same write could patch out the audit hook)
# marker: ESCAPED-141-9e27
# family: OS-layer isolation (/proc/self/mem)
MARK = "-".join(["ESCAPED", "141", "9e27"])
HEADER = 32  # PyBytesObject: ob_refcnt, ob_type, ob_size, ob_shash, then ob_sval

target = bytes(range(65, 65 + 16))  # immutable b'ABCDEFGHIJKLMNOP'
before = target[:5]
try:
    with open("/proc/self/mem", "r+b", buffering=0) as mem:
        mem.seek(id(target) + HEADER)
        mem.write(b"PWNED")
except Exception:
    pass
if before == b"ABCDE" and target[:5] == b"PWNED":
    print(MARK, "immutable bytes rewritten through /proc/self/mem:", target)
