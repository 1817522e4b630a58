"""The French word sets of ``data/words_fr.tsv``, as the coder's modules read them: ``words().negations``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from events.coding.lexicon import WordSets

# Every set the code reads; loading fails, naming the file, when one is missing.
REQUIRED_SETS = (
    "act_nouns",
    "adverbial_clitics",
    "against",
    "among",
    "announce_verbs",
    "decision_verbs",
    "area_words",
    "building_nouns",
    "division_nouns",
    "assailant_nouns",
    "individual_nouns",
    "nationality_markers",
    "attack_nouns",
    "terror_words",
    "landmark_words",
    "auxiliary_infinitives",
    "auxiliary_lemmas",
    "backing_nouns",
    "benefactive",
    "between",
    "by",
    "cancel_governors",
    "characterising_preps",
    "comitative",
    "conditional_endings",
    "conditional_markers",
    "content_governors",
    "duration_nouns",
    "claim_words",
    "coordinators",
    "country_nouns",
    "dative_clitics",
    "de",
    "definite_articles",
    "demonstratives",
    "demonym_heads",
    "denying_words",
    "etre_verbs",
    "family_name_first",
    "former",
    "future_modifiers",
    "gerund_markers",
    "indefinite_articles",
    "infinitive_skip",
    "intent_governors",
    "latter",
    "military_heads",
    "named_things",
    "ne",
    "negations",
    "negative_determiners",
    "not_a_meeting",
    "not_in_np",
    "on",
    "origin_preps",
    "participle_endings",
    "partitive_articles",
    "passive_auxiliaries",
    "person_pronouns",
    "phone_words",
    "place_preps",
    "plural_determiners",
    "plural_possessives",
    "plural_pronouns",
    "possessives",
    "present_participle_endings",
    "purpose_markers",
    "reflexive_clitics",
    "relative_objects",
    "relative_pronouns",
    "relative_subjects",
    "se",
    "seen_as",
    "seat_nouns",
    "settlement_nouns",
    "several_markers",
    "singular_possessives",
    "source_preps",
    "speech_verbs",
    "sports_words",
    "stressed_pronouns",
    "strike_nouns",
    "strike_stems",
    "subject_pronouns",
    "third_place_words",
    "time_phrase_nouns",
    "time_preps",
    "time_words",
    "to_preps",
    "two",
    "venue_nouns",
    "visit_words",
    "where_pronouns",
    "without",
)


_WORDS: list[WordSets] = []  # the dictionary's word sets once read: words() is called for most tokens


def words() -> WordSets:
    if not _WORDS:
        from events.coding.lexicon import load_lexicon

        _WORDS.append(load_lexicon().words)
    return _WORDS[0]
