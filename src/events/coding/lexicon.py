"""The coder's knowledge, read from data files and checked when loaded.

- ``data/triggers/*.tsv``: the trigger dictionary, one file per CAMEO root (a codebook): a French verb or noun
  (or a light-verb phrase) read as a CAMEO code, the frame that finds its arguments, and an example sentence;
- ``data/frames.tsv``: argument frames, the slots and fallbacks that give an event its second actor;
- ``data/arguments.tsv``: every slot and fallback a frame or policy may name, with its confidence;
- ``data/policies.tsv``: what each root allows when the parse leaves the target open;
- ``data/words_fr.tsv``: the French word sets the grammar reads (negations, governors of intent, …).

A row that cannot be used (unknown frame, bad CAMEO code, wrong number of columns, an unknown word set) raises
:class:`~events.data_files.DataFileError` naming the file and the line, when the lexicon is loaded.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from events.cameo import load_codebook
from events.coding.types import Frame, Policy, Trigger
from events.data_files import DATA_DIR, DataFileError, read_rows, split_alts

TRIGGER_COLUMNS = ("lemma", "pos", "code", "frame", "requires", "example")
FRAME_COLUMNS = ("frame", "symmetric", "targets", "fallbacks", "implied", "description", "example")
# CAMEO actor role (type) codes an implied agent may take.
ROLE_CODES = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "PTY", "REB", "INS", "SPY", "ELI", "BUS", "MED",
                        "CVL", "REF", "HLH", "EDU", "LAB", "CRM", "HRI", "NGO", "REL", "AGR", "DEV", "IMG", "UAF"})
ARGUMENT_COLUMNS = ("name", "kind", "confidence", "description")
POLICY_COLUMNS = ("prefix", "fallbacks", "reaction", "one_per_sentence", "strike_place", "intent", "implied_source",
                  "description")
WORD_COLUMNS = ("set", "words", "description")
POS = ("VERB", "NOUN")
# Clitics a light-verb phrase may carry before its head ("s'en prendre", "y aller").
_CLITICS = {"en", "y"}
# Function words of a phrase that are not required words ("mettre en garde" requires "garde").
_PHRASE_GLUE = {"à", "au", "aux", "de", "du", "des", "d'", "le", "la", "les", "l'", "un", "une", "en"}


@dataclass(frozen=True, slots=True)
class Argument:
    """A slot (read from the parse) or a fallback (a guess from the discourse) that finds an actor."""

    name: str
    kind: str  # slot | fallback
    confidence: float
    description: str


class WordSets:
    """Named French word sets (``data/words_fr.tsv``); ``words.negations`` is a frozenset of words."""

    def __init__(self, sets: dict[str, frozenset[str]], order: list[str]) -> None:
        self._sets = sets
        self.order = order  # file order (statement contents are tried in it)

    def __getattr__(self, name: str) -> frozenset[str]:
        try:
            return self._sets[name]
        except KeyError:
            raise AttributeError(f"no word set {name!r} in words_fr.tsv") from None

    def get(self, name: str) -> frozenset[str]:
        return self._sets[name]

    def names(self) -> list[str]:
        return list(self.order)


@dataclass(frozen=True, slots=True)
class Lexicon:
    triggers: dict[tuple[str, str], tuple[Trigger, ...]]  # (head lemma, pos) → readings, most specific first
    frames: dict[str, Frame]
    arguments: dict[str, Argument]
    policies: dict[str, Policy]
    words: WordSets
    calibration: dict[str, float] = field(default_factory=dict)  # way ("subject>obj") → measured precision
    heads: frozenset[str] = field(init=False, repr=False, compare=False)  # every head lemma, whatever its pos

    def __post_init__(self) -> None:
        object.__setattr__(self, "heads", frozenset(lemma for lemma, _pos in self.triggers))

    def readings(self, lemma: str, pos: str) -> tuple[Trigger, ...]:
        return self.triggers.get((lemma, pos), ())

    def all_triggers(self) -> list[Trigger]:
        seen: dict[str, Trigger] = {}
        for readings in self.triggers.values():
            for trigger in readings:
                seen.setdefault(trigger.id, trigger)
        return list(seen.values())

    def policy(self, code: str) -> Policy:
        """The policy of the longest prefix of the code that has one (``016`` before ``01``)."""
        for length in range(len(code), 1, -1):
            found = self.policies.get(code[:length])
            if found is not None:
                return found
        return _DEFAULT_POLICY

    def confidence(self, how: str) -> float:
        return self.arguments[how].confidence

    def calibrated(self, way: str, prior: float) -> float:
        """The share of events found this way that were right on the training set, else the prior."""
        return self.calibration.get(way, prior)


_DEFAULT_POLICY = Policy(prefix="", fallbacks=(), reaction=False, one_per_sentence=False, strike_place=False,
                         intent=None)


def _flag(row_value: str, row: object, column: str) -> bool:
    if row_value not in {"0", "1"}:
        raise row.error(f"{column} must be 0 or 1, not {row_value!r}")  # type: ignore[attr-defined]
    return row_value == "1"


def load_words(path: Path | None = None, *, required: Iterable[str] = ()) -> WordSets:
    path = path or DATA_DIR / "words_fr.tsv"
    sets: dict[str, frozenset[str]] = {}
    order: list[str] = []
    for row in read_rows(path, columns=WORD_COLUMNS, required=("set", "words", "description")):
        name = row["set"]
        if name in sets:
            raise row.error(f"word set {name!r} defined twice")
        if not name.replace("_", "").replace(":", "").isalnum():
            raise row.error(f"word set name {name!r}: letters, digits, '_' and ':' only")
        if name.startswith("statement:") and name.removeprefix("statement:") not in load_codebook():
            raise row.error(f"{name!r}: {name.removeprefix('statement:')!r} is not in the CAMEO codebook")
        sets[name] = frozenset(split_alts(row["words"]))
        order.append(name)
    missing = [name for name in required if name not in sets]
    if missing:
        raise DataFileError(path, 1, f"word sets used by the coder are missing: {', '.join(missing)}")
    return WordSets(sets, order)


def load_arguments(path: Path | None = None) -> dict[str, Argument]:
    path = path or DATA_DIR / "arguments.tsv"
    arguments: dict[str, Argument] = {}
    for row in read_rows(path, columns=ARGUMENT_COLUMNS, required=ARGUMENT_COLUMNS):
        if row["kind"] not in {"slot", "fallback", "source"}:
            raise row.error(f"kind must be slot, fallback or source, not {row['kind']!r}")
        try:
            confidence = float(row["confidence"])
        except ValueError:
            raise row.error(f"confidence {row['confidence']!r} is not a number") from None
        if not 0 < confidence <= 1:
            raise row.error(f"confidence {confidence} outside (0, 1]")
        arguments[row["name"]] = Argument(row["name"], row["kind"], confidence, row["description"])
    return arguments


def load_frames(arguments: dict[str, Argument], path: Path | None = None) -> dict[str, Frame]:
    path = path or DATA_DIR / "frames.tsv"
    frames: dict[str, Frame] = {}
    for row in read_rows(path, columns=FRAME_COLUMNS, required=("frame", "symmetric", "description", "example")):
        targets = tuple(split_alts(row["targets"].replace(">", "|")))
        fallbacks = tuple(split_alts(row["fallbacks"].replace(">", "|")))
        for name, kind in [*((t, "slot") for t in targets), *((f, "fallback") for f in fallbacks)]:
            if name not in arguments or arguments[name].kind != kind:
                raise row.error(f"unknown {kind} {name!r} (see arguments.tsv)")
        if row["frame"] in frames:
            raise row.error(f"frame {row['frame']!r} defined twice")
        implied = row["implied"] or None
        if implied is not None and implied not in ROLE_CODES:
            raise row.error(f"implied {implied!r} is no CAMEO role code")
        frames[row["frame"]] = Frame(name=row["frame"], targets=targets, fallbacks=fallbacks,
                                     symmetric=_flag(row["symmetric"], row, "symmetric"), reflexive=None,
                                     example=row["example"], implied=implied)
    return frames


def load_policies(arguments: dict[str, Argument], path: Path | None = None) -> dict[str, Policy]:
    path = path or DATA_DIR / "policies.tsv"
    codebook = load_codebook()
    policies: dict[str, Policy] = {}
    for row in read_rows(path, columns=POLICY_COLUMNS, required=("prefix", "description")):
        prefix = row["prefix"]
        if not any(code.startswith(prefix) for code in codebook) or len(prefix) < 2:
            raise row.error(f"prefix {prefix!r} is no CAMEO root or code")
        fallbacks = tuple(split_alts(row["fallbacks"]))
        for name in fallbacks:
            base = name.split(":")[0]
            if base not in arguments or arguments[base].kind != "fallback":
                raise row.error(f"unknown fallback {name!r} (see arguments.tsv)")
            if ":" in name and name.split(":", 1)[1] != "back":
                raise row.error(f"fallback condition {name!r}: only ':back' (the object points back) is known")
        intent = row["intent"] or None
        if intent is not None and intent not in codebook:
            raise row.error(f"intent code {intent!r} is not in the CAMEO codebook")
        implied = row["implied_source"] or None
        if implied is not None and implied not in ROLE_CODES:
            raise row.error(f"implied_source {implied!r} is no CAMEO role code")
        policies[prefix] = Policy(prefix=prefix, fallbacks=fallbacks, reaction=_flag(row["reaction"], row, "reaction"),
                                  one_per_sentence=_flag(row["one_per_sentence"], row, "one_per_sentence"),
                                  strike_place=_flag(row["strike_place"], row, "strike_place"), intent=intent,
                                  implied_source=implied)
    return policies


def parse_phrase(text: str) -> tuple[str, bool | None, tuple[str, ...]]:
    """'s'entretenir' → (entretenir, reflexive, ()); '(se) rencontrer' → (rencontrer, either, ());
    'rendre visite' → (rendre, not reflexive, (visite,)); 's'en prendre' → (prendre, reflexive, (en,))."""
    words = text.replace("'", "' ").split()
    reflexive: bool | None = False
    if words and words[0] in {"se", "s'"}:
        reflexive, words = True, words[1:]
    elif words and words[0] == "(se)":
        reflexive, words = None, words[1:]
    required: list[str] = []
    while words and words[0] in _CLITICS:
        required.append(words.pop(0))
    if not words:
        return "", reflexive, ()
    head, rest = words[0], words[1:]
    required += [w for w in rest if w not in _PHRASE_GLUE]
    return head, reflexive, tuple(required)


def load_triggers(frames: dict[str, Frame], folder: Path | None = None) -> dict[tuple[str, str], tuple[Trigger, ...]]:
    folder = folder or DATA_DIR / "triggers"
    codebook = load_codebook()
    triggers: dict[tuple[str, str], list[Trigger]] = {}
    ids: dict[str, str] = {}
    paths = sorted(folder.glob("*.tsv"))
    if not paths:
        raise DataFileError(folder, 0, "no trigger dictionary files (*.tsv)")
    for path in paths:
        for row in read_rows(path, columns=TRIGGER_COLUMNS, required=("lemma", "pos", "code", "frame", "example")):
            head, reflexive, phrase_words = parse_phrase(row["lemma"])
            if not head:
                raise row.error(f"no head word in {row['lemma']!r}")
            pos = row["pos"]
            if pos not in POS:
                raise row.error(f"pos must be one of {POS}, not {pos!r}")
            code = row["code"]
            if code not in codebook:
                raise row.error(f"CAMEO code {code!r} is not in the codebook")
            prefix = path.stem.split("_")[0]
            if prefix.isdigit() and not code.startswith(prefix):
                raise row.error(f"code {code} does not belong in {path.name} (root {prefix})")
            frame = frames.get(row["frame"])
            if frame is None:
                raise row.error(f"unknown frame {row['frame']!r} (see frames.tsv)")
            if pos == "NOUN":
                reflexive = None
            if reflexive is not frame.reflexive:
                frame = Frame(frame.name, frame.targets, frame.fallbacks, frame.symmetric, reflexive, frame.example,
                              frame.implied)
            base = f"{head}.{pos[0].lower()}.{code}"
            number = sum(1 for existing in ids if existing == base or existing.startswith(base + "."))
            rule = base if number == 0 else f"{base}.{number + 1}"
            ids[rule] = row.where
            triggers.setdefault((head, pos), []).append(Trigger(
                id=rule, lemma=head, pos=pos, code=code, frame=frame,
                requires=tuple(split_alts(row["requires"])), phrase=phrase_words, example=row["example"],
                source=row.where))
    # a reading that requires words is more specific than one that does not, and a longer phrase than a shorter
    # one ("mettre en garde à vue" before "mettre en garde"): the most specific is tried first
    return {key: tuple(sorted(value, key=lambda t: (-len(t.phrase), not t.requires, not t.phrase)))
            for key, value in triggers.items()}


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The coder's dictionary (read once per process)."""
    from events.coding.words import REQUIRED_SETS

    arguments = load_arguments()
    frames = load_frames(arguments)
    return Lexicon(triggers=load_triggers(frames), frames=frames, arguments=arguments,
                   policies=load_policies(arguments), words=load_words(required=REQUIRED_SETS),
                   calibration=load_calibration())


CALIBRATION_COLUMNS = ("way", "rows", "right", "confidence")


def load_calibration(path: Path | None = None) -> dict[str, float]:
    """``data/confidence.tsv``, written by ``events evaluate --calibrate`` on the training set."""
    path = path or DATA_DIR / "confidence.tsv"
    if not path.exists():
        return {}
    table: dict[str, float] = {}
    for row in read_rows(path, columns=CALIBRATION_COLUMNS, required=CALIBRATION_COLUMNS):
        try:
            table[row["way"]] = float(row["confidence"])
        except ValueError:
            raise row.error(f"confidence {row['confidence']!r} is not a number") from None
    return table
