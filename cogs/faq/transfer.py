"""Import and export files for !faq: JSON, front-matter markdown, or a zip of them."""

from __future__ import annotations

import io
import zipfile

from bot import errors
from bot.faq import ImportPlan
from bot.replies import Reply

MAX_IMPORT_BYTES = 1_000_000


def plan_reply(plan: ImportPlan, *, applied: bool) -> Reply:
    def names(items: list[str]) -> str:
        shown_names = ", ".join(f"`{n}`" for n in items[:20])
        return shown_names + (f" and {len(items) - 20} more" if len(items) > 20 else "")

    lines = ["Imported:" if applied else "This import would change:"]
    for label, items in (("new", plan.created), ("changed", plan.changed)):
        if items:
            lines.append(f"• {len(items)} {label}: {names(items)}")
    if plan.unchanged:
        lines.append(f"• {len(plan.unchanged)} unchanged")
    if not plan.created and not plan.changed:
        lines = ["Nothing to import: every entry is already as in the file."]
    return Reply("\n".join(lines))


def unpack(filename: str, data: bytes) -> dict[str, str]:
    """Text files from one attachment: itself, or the .md/.json files of a zip."""
    lower = filename.lower()
    if lower.endswith(".zip"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                members = [m for m in archive.infolist() if m.filename.endswith((".md", ".json"))]
                if sum(m.file_size for m in members) > MAX_IMPORT_BYTES:
                    raise errors.InvalidInput("That zip unpacks to more than 1 MB.")
                return {m.filename.rsplit("/", 1)[-1]: decode(archive.read(m)) for m in members}
        except zipfile.BadZipFile:
            raise errors.InvalidInput(f"`{filename[:60]}` is not a readable zip file.") from None
    if not lower.endswith((".md", ".json")):
        raise errors.InvalidInput("Import takes .json, .md or .zip files.")
    return {filename: decode(data)}


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise errors.InvalidInput("Import files must be UTF-8 text.") from None


def pack(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in sorted(files.items()):
            archive.writestr(name, text)
    return buffer.getvalue()
