import asyncio
import contextvars

request_id = contextvars.ContextVar("request_id", default="-")


def log(message):
    print(f"[{request_id.get()}] {message}")


async def handle(rid, delay):
    request_id.set(rid)
    log("start")
    await asyncio.sleep(delay)
    log("end")


async def report():
    log("reporting from a task with a prepared context")


async def main():
    log("main before")
    await asyncio.gather(handle("req-1", 0.02), handle("req-2", 0.01))
    log("main after: tasks got copies, main is unchanged")

    token = request_id.set("main")
    log("main set")
    request_id.reset(token)
    log("main reset")

    ctx = contextvars.copy_context()
    ctx.run(request_id.set, "prepared")
    print("inside the copy:", ctx[request_id], "| outside:", request_id.get())
    await asyncio.create_task(report(), context=ctx)

    print("name:", request_id.name)
    other = contextvars.ContextVar("no_default")
    try:
        other.get()
    except LookupError:
        print("LookupError: no_default has no value and no default")


asyncio.run(main())
