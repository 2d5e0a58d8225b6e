import asyncio


class Account:
    def __init__(self):
        self.balance = 0
        self.lock = asyncio.Lock()

    async def deposit_unsafe(self, amount):
        current = self.balance
        await asyncio.sleep(0)  # another task runs here and reads the old balance
        self.balance = current + amount

    async def deposit_safe(self, amount):
        async with self.lock:
            current = self.balance
            await asyncio.sleep(0)
            self.balance = current + amount


async def main():
    account = Account()
    await asyncio.gather(*(account.deposit_unsafe(10) for _ in range(10)))
    print("without a lock, the balance is", account.balance)

    account = Account()
    await asyncio.gather(*(account.deposit_safe(10) for _ in range(10)))
    print("with a lock, the balance is", account.balance)

    lock = asyncio.Lock()
    print("locked before:", lock.locked())
    await lock.acquire()
    print("locked after acquire:", lock.locked())
    lock.release()
    print("locked after release:", lock.locked())
    try:
        lock.release()
    except RuntimeError as exc:
        print("RuntimeError:", exc)


asyncio.run(main())
