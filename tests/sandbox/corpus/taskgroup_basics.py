import asyncio


async def fetch_user(user_id):
    if user_id == 3:
        raise ValueError(f"user {user_id} has a broken profile")
    if user_id == 4:
        raise KeyError(user_id)
    await asyncio.sleep(0.01 * user_id)
    return {"id": user_id, "name": f"user{user_id}"}


async def main():
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(fetch_user(i)) for i in (1, 2)]
    print("all finished:", [task.result()["name"] for task in tasks])

    try:
        async with asyncio.TaskGroup() as group:
            for i in (1, 2, 3, 4):
                group.create_task(fetch_user(i))
    except* ValueError as errors:
        print("ValueError part:", repr(errors))
        for exc in errors.exceptions:
            print("  handled:", exc)
    except* KeyError as errors:
        print("KeyError part:", [exc.args[0] for exc in errors.exceptions])

    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(fetch_user(3))
    except ExceptionGroup as errors:
        print(type(errors).__name__, "with", len(errors.exceptions), "error:", errors)


asyncio.run(main())
