"""Event coding: French triggers (verbs, nouns, light-verb phrases) and their arguments → CAMEO events.

For each sentence of a parsed article (:class:`Coder`): find triggers in the trigger dictionary
(``data/triggers/``), skip the denied, hypothetical, cancelled and alleged ones (:mod:`.modality`), code a
planned act as its root's intent (036 for meetings), find the two actors as the trigger's frame says
(:mod:`.frames`: slots of the parse, then fallbacks), resolve each to a CAMEO actor code (:mod:`.mentions`),
attach the event date (:mod:`.dating`) and the action place (:mod:`.places`), and merge repeated mentions
(:mod:`.dedup`). What the coder knows lives in data files (:mod:`.lexicon`); each event names the dictionary
entry and the way its arguments were found in its ``rule_id``.
"""

from events.coding.coder import Coder
from events.coding.lexicon import Lexicon, load_lexicon
from events.coding.types import CodedEvent, Frame, Mention, PlaceMention, Policy, Trigger

__all__ = ["CodedEvent", "Coder", "Frame", "Lexicon", "Mention", "PlaceMention", "Policy", "Trigger", "load_lexicon"]
