import asyncio
import logging

logging.basicConfig(
    level=logging.DEBUG,
    format="%(levelname)-7s %(name)s %(funcName)s:%(lineno)d %(message)s",
)
log = logging.getLogger("downloader")


async def download(url):
    log.info("fetching %s", url)
    await asyncio.sleep(0.01)
    if url.endswith(".zip"):
        raise ValueError(f"{url} is too big")
    log.debug("finished %s", url)
    return len(url)


async def main():
    print("plain print goes to stdout")
    for url in ["a.html", "b.zip", "c.css"]:
        try:
            size = await download(url)
            print(url, "size", size)
        except ValueError:
            log.exception("download of %s failed", url)
    log.warning("done with %d urls", 3)
    logging.getLogger().setLevel(logging.ERROR)
    log.info("this is filtered out")
    log.error("but errors still show")


asyncio.run(main())
