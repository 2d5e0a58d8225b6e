"""A question as `!ask` reads it: the words worth searching for, the error lines
pasted into it, and its text folded for matching names.

Pasted tracebacks are mostly noise for a search (paths, line numbers, the
frames of asyncio itself); what identifies the problem is the error line at
the end, the warning lines, and the code lines the traceback quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.faq.query import STOPWORDS
from bot.faq.validate import clean_text
from bot.knowledge.topics import fold

MAX_CHARS = 4000  # a pasted traceback with some words around it
MAX_WORDS = 32
_FRAME = re.compile(r'^\s*File "[^"\n]*", line \d+(?:, in [^\n]*)?$', re.M)
_NOISE = re.compile(
    r"Traceback \(most recent call last\):|"
    r"During handling of the above exception, another exception occurred:|"
    r"The above exception was the direct cause of the following exception:|"
    r"^\s*[~^]+\s*$|"  # the carets under a quoted line
    r"\b0x[0-9a-fA-F]+\b|"  # addresses
    r"(?:[A-Za-z]:)?(?:[\\/][\w.\-]+){2,}[\\/]?|"  # paths, Windows ones too
    r"\b\w+\.py\b(?::\d+)?",
    re.M,
)
_ERROR_LINE = re.compile(
    r"\b(?:[A-Za-z_][\w.]*\.)?(?:[A-Z]\w*(?:Error|Exception|Warning|Interrupt|Group|Exit))\b"
    r"(?::[^\n]*)?|Task exception was never retrieved|Task was destroyed but it is pending!?"
)
_WORD = re.compile(r"[^\W_]+")
# Words a traceback or a chat message is made of that say nothing of the problem.
NOISE_WORDS = frozenset(
    "traceback recent call last line file files most error errors get getting got help "
    "please pls plz thanks thank hi hello hey anyone someone somebody guys question "
    "im ive dont doesnt didnt cant wont isnt whats hows why how what when where which "
    "code python py script program work works working just like want need trying tried "
    "use using used make made way thing things something really still also even know "
    "one two three here there will would shall can could should may might must "
    "gets did done does do am been being has have had having it its".split()
)


@dataclass(frozen=True)
class Question:
    raw: str
    words: tuple[str, ...]  # distinct search words, most telling first (errors' first)
    errors: tuple[str, ...]  # the error and warning lines found
    folded: str  # the whole text folded, for finding names in it
    prose: str = ""  # the text without traceback frames, paths and addresses

    @property
    def empty(self) -> bool:
        return not self.words and not self.errors


def read(text: str) -> Question:
    text = clean_text(text)[:MAX_CHARS]
    errors = tuple(dict.fromkeys(m.group(0).strip() for m in _ERROR_LINE.finditer(text)))
    body = _NOISE.sub(" ", _FRAME.sub(" ", text))
    error_words = [w for line in errors for w in _words(_NOISE.sub(" ", line))]
    words = list(dict.fromkeys(error_words + _words(body)))
    return Question(
        raw=text,
        words=tuple(words[:MAX_WORDS]),
        errors=errors,
        folded=f" {fold(_FRAME.sub(' ', text))} ",
        prose=body,
    )


def _words(text: str) -> list[str]:
    # Split the way FTS5's unicode61 tokenizer does; camel case and snake case
    # come apart too ("create_task" is "create task" in the index).
    out = []
    for word in _WORD.findall(text.casefold()):
        if len(word) > 1 and word not in STOPWORDS and word not in NOISE_WORDS:
            out.append(word[:64])
    return out
