"""Text normalisation applied to every article before spaCy sees it.

The small French model mis-tags curly apostrophes ("s’", "L’" as places) and is confused by
non-breaking spaces inside « guillemets ». Everything downstream (offsets included) refers to the
normalised text, which is what the warehouse stores. Lone surrogates (a JSON ``"\\ud800"`` escape decoded into a
string no encoding can store) become U+FFFD here, so nothing downstream fails to encode the text.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from functools import lru_cache
from html.parser import HTMLParser

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


# Characters that CP1252 (or Latin-1) shows for the UTF-8 continuation bytes 0x80-0xBF.
_CONT = "[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201a" \
        "\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
# A UTF-8 multi-byte sequence read as CP1252/Latin-1 ("Ã©" é, "â€™" ’, "Å“" œ); "Ã " is "à" whose second byte
# (a no-break space) became a plain space.
_MOJIBAKE_SEQ = re.compile(f"[\u00c2-\u00df]{_CONT}|[\u00e0-\u00ef]{_CONT}{{2}}|[\u00c2\u00c3] ")
# The tell-tale sequences that make a repair worth trying at all.
_MOJIBAKE_SIGN = re.compile(f"\u00c3{_CONT}|\u00c3 (?=\\w)|\u00e2\u20ac|\u00c5[\u0092\u0093\u2019\u201c]|\u00c2\u00a0")


def _cp1252_byte(ch: str) -> bytes:
    try:
        return ch.encode("cp1252")
    except UnicodeEncodeError:
        return ch.encode("latin-1")


def _is_plausible(ch: str) -> bool:
    """A character French mojibake can stand for: Latin-1 letters and signs, Latin Extended-A, punctuation, €."""
    return "\u00a0" <= ch <= "\u017f" or "\u2010" <= ch <= "\u206f" or ch in "\u20ac\u2122"


def _undo_sequence(match: re.Match[str]) -> str:
    seq = match.group(0)
    raw = seq.replace(" ", "\u00a0")
    try:
        fixed = b"".join(_cp1252_byte(ch) for ch in raw).decode("utf-8")
    except UnicodeError:
        return seq
    return fixed if len(fixed) == 1 and _is_plausible(fixed) else seq


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 text that was decoded as CP1252/Latin-1 ("PÃ©kin" → "Pékin", "â€™" → "’", "Ã  Paris" → "à Paris").

    Only text showing the tell-tale sequences ("Ã©", "â€", "Ã " ...) is touched; each sequence is replaced only if
    its bytes decode as UTF-8 to one plausible character, so correct French text is left unchanged.
    """
    if not _MOJIBAKE_SIGN.search(text):
        return text
    return _MOJIBAKE_SEQ.sub(_undo_sequence, text)


_HTML_TAG = re.compile(
    r"</?(p|div|br|span|a|b|i|u|em|strong|script|style|html|head|body|title|meta|link|h[1-6]|ul|ol|li|table|"
    r"thead|tbody|tr|td|th|article|section|header|footer|nav|aside|main|figure|figcaption|blockquote|img|hr|"
    r"pre|small|sup|sub|noscript|iframe|form|input|button)\b[^<>]*>",
    re.IGNORECASE,
)
_HTML_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_BLOCK_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "tr", "article", "section",
    "header", "footer", "nav", "aside", "main", "figure", "figcaption", "blockquote", "pre", "hr", "title",
    "dl", "dt", "dd", "address", "form",
}
_SKIPPED_TAGS = {"script", "style", "noscript", "template", "head", "iframe", "svg"}


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(re.sub(r"\s+", " ", data))


# An element whose content is never text, from its start tag to its end tag (or to the end: a browser runs an
# unclosed <script> to the end of the page). Attributes stop at "<" so that a run of unclosed "<script" stays linear.
_HIDDEN_ELEMENT = re.compile(r"<(script|style|noscript|template|iframe|svg)\b[^<>]*>.*?(?:</\1\s*>|\Z)",
                             re.IGNORECASE | re.DOTALL)
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def drop_hidden_elements(text: str) -> str:
    """``text`` without ``<script>``, ``<style>`` (and ``noscript``, ``template``, ``iframe``, ``svg``) elements,
    removed again until none is left: ``<scr<script>x</script>ipt>alert(2)</script>`` leaves nothing."""
    while True:
        stripped = _HIDDEN_ELEMENT.sub("", text)
        if stripped == text:
            return text
        text = stripped


def replace_lone_surrogates(text: str) -> str:
    """``text`` with every lone surrogate (U+D800-U+DFFF, which UTF-8 cannot encode) replaced by U+FFFD."""
    return _LONE_SURROGATE.sub("\ufffd", text) if _LONE_SURROGATE.search(text) else text


def looks_like_html(text: str) -> bool:
    """True if ``text`` contains common HTML tags (``<p>``, ``<div>``, ``<br>``, ``<script>`` ...)."""
    return _HTML_TAG.search(text) is not None


def html_to_text(text: str) -> str:
    """Plain text from ``text`` if it looks like HTML, else ``text`` with its HTML entities unescaped.

    Tags are dropped, ``<script>``/``<style>`` contents too (:func:`drop_hidden_elements`, also when one hides
    inside another), entities are unescaped (``&eacute;`` → é), and block ends (``</p>``, ``</div>``...) become
    paragraph breaks, ``<br>`` a line break. Tags that only appear once entities are unescaped
    (``&lt;script&gt;alert(1)&lt;/script&gt;``) are removed too, without unescaping the text a second time. Prose
    with ``<`` and ``>`` ("a < b et c > d") is not HTML and is left alone. Standard library only.
    """
    if not looks_like_html(text):
        if "&" not in text:
            return text
        text = _HTML_ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
        if not looks_like_html(text):
            return text
    parser = _TextExtractor()
    parser.feed(drop_hidden_elements(text))
    parser.close()
    text = "".join(parser.parts)
    if looks_like_html(text):  # escaped tags, unescaped by the parser
        text = _HTML_TAG.sub(_tag_break, drop_hidden_elements(text))
    return text


def _tag_break(match: re.Match[str]) -> str:
    name = match.group(1).lower()
    return "\n" if name == "br" else "\n\n" if name in _BLOCK_TAGS else ""


def normalize_text(text: str) -> str:
    """Return ``text`` in NFC with straight apostrophes, plain spaces and tidy « » spacing, lone surrogates U+FFFD.

    UTF-8 mis-read as CP1252/Latin-1 ("PÃ©kin") is repaired first (:func:`repair_mojibake`). Paragraph breaks
    (blank lines) are kept as ``\\n\\n``; other runs of white space become one space.
    """
    text = unicodedata.normalize("NFC", repair_mojibake(replace_lone_surrogates(text))).translate(_TRANSLATE)
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
