# expect: blocked
# aim: reads /etc/passwd through an import loader's get_data (asyncio.__loader__, asyncio.__spec__.loader, the snippet's own __loader__), which uses io.open_code instead of open
# marker: ESCAPED-142-70ba
# family: import machinery (module __loader__)
import asyncio

MARK = "-".join(["ESCAPED", "142", "70ba"])
U = chr(95) * 2


def loaders():
    yield lambda: getattr(asyncio, U + "loader" + U)
    yield lambda: getattr(asyncio, U + "spec" + U).loader
    yield lambda: globals()[U + "loader" + U]


for get in loaders():
    try:
        data = get().get_data("/etc/passwd")
    except Exception:
        continue
    if data.startswith(b"root:"):
        print(MARK, "loader.get_data read", data.splitlines()[0].decode())
        break
