from pathlib import Path

__version__ = "0.1.0"

# Topics, FAQ seeds and schema migrations. They ship inside the package (an
# installed awaitbot finds them wherever it runs); in the source tree bot/data
# is a link to the top-level data/ folder.
DATA_DIR = Path(__file__).resolve().parent / "data"
