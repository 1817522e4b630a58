"""Text normalisation applied to every article before spaCy sees it.

The small French model mis-tags curly apostrophes ("s’", "L’" as places) and is confused by
non-breaking spaces inside « guillemets ». Everything downstream (offsets included) refers to the
normalised text, which is what the warehouse stores.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

_TRANSLATE = str.maketrans(
    {
        "\u2019": "'",  # right single quotation mark
        "\u2018": "'",  # left single quotation mark
        "\u02bc": "'",  # modifier letter apostrophe
        "\u2032": "'",  # prime
        "\u00b4": "'",  # acute accent used as apostrophe
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00a0": " ",  # no-break space
        "\u202f": " ",  # narrow no-break space
        "\u2007": " ",  # figure space
        "\u2009": " ",  # thin space
        "\u200b": "",  # zero-width space
        "\ufeff": "",  # byte order mark
        "\u2013": "-",  # en dash (keeps "Bélarus–Chine" a compound)
        "\u2011": "-",  # non-breaking hyphen
        "\u2026": "...",
    }
)
_SPACES = re.compile(r"[ \t\r\f\v]+")
_OPEN_GUILLEMET = re.compile(r"«\s*")
_CLOSE_GUILLEMET = re.compile(r"\s*»")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def normalize_text(text: str) -> str:
    """Return ``text`` in NFC with straight apostrophes, plain spaces and tidy « » spacing.

    Paragraph breaks (blank lines) are kept as ``\\n\\n``; other runs of white space become one space.
    """
    text = unicodedata.normalize("NFC", text).translate(_TRANSLATE)
    text = _OPEN_GUILLEMET.sub("« ", text)
    text = _CLOSE_GUILLEMET.sub(" »", text)
    text = _SPACES.sub(" ", text)
    text = _BLANK_LINES.sub("\n\n", text)
    return "\n".join(line.strip() for line in text.split("\n")).strip()


@lru_cache(maxsize=262144)
def fold(text: str) -> str:
    """Lower-case, accent-free form used as a lookup key ("Pékin" → "pekin", "Erdoğan" → "erdogan")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("ı", "i").replace("ø", "o").replace("đ", "d").replace("ł", "l")
    return _SPACES.sub(" ", stripped.replace("\u2019", "'").replace("-", " ")).strip()


def text_hash(text: str) -> str:
    """Stable hash of the normalised text, used to skip an article already coded under another id."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()
