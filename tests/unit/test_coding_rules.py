"""Each frame and modality check of the coder on parses built by hand, without the statistical model.

A case is a sentence with its dependency parse written out (word, lemma, part of speech, relation, head index,
optional entity and morphology), as the French model parsed it when the case was written and checked by
eye; the coder runs on a ``Doc`` built from it, so a parser upgrade cannot hide a rule regression. The
expected events name both actors' countries, the CAMEO code and the rule (dictionary entry, frame and the
way the arguments were found). Every frame of ``data/frames.tsv`` has a case here (see the last test).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
import spacy
from spacy.tokens import Doc

from events.coding import Coder, load_lexicon

_NO_SPACE_BEFORE = {".", ",", ")", ";", ":"}


@dataclass(frozen=True)
class Case:
    name: str
    published: str
    parse: str
    expected: list[tuple[str, str, str, str]]  # (actor1 country, actor2 country, CAMEO code, rule_id)


def build_doc(parse: str) -> Doc:
    """A Doc from lines 'word lemma POS dep head [B-LOC|I-PER…] [Feat=Val|…]' (head: index of the head token)."""
    words, lemmas, pos, deps, heads, ents, morphs = [], [], [], [], [], [], []
    for line in parse.strip().splitlines():
        fields = line.split()
        word, lemma, tag, dep, head, *rest = fields
        ent = next((f for f in rest if f[:2] in {"B-", "I-"}), "O")
        morph = next((f for f in rest if "=" in f), "")
        words.append(word)
        lemmas.append(lemma.replace("_", " "))
        pos.append(tag)
        deps.append(dep)
        heads.append(int(head))
        ents.append(ent)
        morphs.append(morph)
    spaces = [not (w.endswith("'") or (i + 1 < len(words) and words[i + 1] in _NO_SPACE_BEFORE))
              for i, w in enumerate(words)]
    vocab = spacy.blank("fr").vocab
    return Doc(vocab, words=words, spaces=spaces, lemmas=lemmas, pos=pos, deps=deps, heads=heads, ents=ents,
               morphs=morphs)


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


CASES = [
    Case('frame-meet', '2024-06-03',
         # Le président français a rencontré le chancelier allemand à Berlin.
         """
        Le le DET det 1
        président président NOUN nsubj 4
        français français ADJ amod 1
        a avoir AUX aux:tense 4 Mood=Ind|Tense=Pres|VerbForm=Fin
        rencontré rencontrer VERB ROOT 4 Tense=Past|VerbForm=Part
        le le DET det 6
        chancelier chancelier NOUN obj 4
        allemand allemand ADJ amod 6
        à à ADP case 9
        Berlin Berlin PROPN obl:mod 4 B-LOC
        . . PUNCT punct 4
         """,
         [('FRA', 'DEU', '040', 'rencontrer.v.040@meet:subject>obj')]),
    Case('frame-meet_with', '2024-06-03',
         # Le ministre chinois s'est entretenu avec son homologue russe.
         """
        Le le DET det 1
        ministre ministre NOUN nsubj 5
        chinois chinois ADJ amod 1
        s' se PRON expl:comp 5 Reflex=Yes
        est être AUX aux:tense 5 Mood=Ind|Tense=Pres|VerbForm=Fin
        entretenu entretenir VERB ROOT 5 Tense=Past|VerbForm=Part
        avec avec ADP case 8
        son son DET det 8 Poss=Yes
        homologue homologue NOUN obl:arg 5
        russe russe ADJ amod 8
        . . PUNCT punct 5
         """,
         [('CHN', 'RUS', '040', 'entretenir.v.040@meet_with:subject>avec')]),
    Case('frame-meet_obj', '2024-06-03',
         # Le Premier ministre indien a retrouvé le président américain.
         """
        Le le DET det 2
        Premier premier ADJ amod 2 B-MISC
        ministre ministre NOUN nsubj 5 I-MISC
        indien indien ADJ amod 2 I-MISC
        a avoir AUX aux:tense 5 Mood=Ind|Tense=Pres|VerbForm=Fin
        retrouvé retrouver VERB ROOT 5 Tense=Past|VerbForm=Part
        le le DET det 7
        président président NOUN obj 5
        américain américain ADJ amod 7
        . . PUNCT punct 5
         """,
         [('IND', 'USA', '040', 'retrouver.v.040.2@meet_obj:subject>obj')]),
    Case('frame-phone', '2024-06-03',
         # Le président américain a téléphoné au président turc.
         """
        Le le DET det 1
        président président NOUN nsubj 4
        américain américain ADJ amod 1
        a avoir AUX aux:tense 4 Mood=Ind|Tense=Pres|VerbForm=Fin
        téléphoné téléphoner VERB ROOT 4 Tense=Past|VerbForm=Part
        au au ADP case 6
        président président NOUN obl:arg 4
        turc turc ADJ amod 6
        . . PUNCT punct 4
         """,
         [('USA', 'TUR', '041', 'téléphoner.v.041@phone:subject>iobj')]),
    Case('frame-talks', '2024-06-03',
         # L'entretien entre le ministre indien et le ministre américain a duré deux heures.
         """
        L' le DET det 1
        entretien entretien NOUN nsubj 11
        entre entrer ADP case 4
        le le DET det 4
        ministre ministre NOUN nmod 1
        indien indien ADJ amod 4
        et et CCONJ cc 8
        le le DET det 8
        ministre ministre NOUN conj 4
        américain américain ADJ amod 8
        a avoir AUX aux:tense 11 Mood=Ind|Tense=Pres|VerbForm=Fin
        duré durer VERB ROOT 11 Tense=Past|VerbForm=Part
        deux deux NUM nummod 13
        heures heure NOUN obj 11 Number=Plur
        . . PUNCT punct 11
         """,
         [('IND', 'USA', '040', 'entretien.n.040@talks:between>between')]),
    Case('frame-act_on', '2024-06-03',
         # Le ministre chinois des Affaires étrangères a critiqué le gouvernement japonais.
         """
        Le le DET det 1
        ministre ministre NOUN nsubj 7 B-ORG
        chinois chinois ADJ amod 1 I-ORG
        des de ADP case 4 I-ORG Number=Plur
        Affaires affaire NOUN nmod 1 I-ORG Number=Plur
        étrangères étranger ADJ amod 4 I-ORG Number=Plur
        a avoir AUX aux:tense 7 Mood=Ind|Tense=Pres|VerbForm=Fin
        critiqué critiquer VERB ROOT 7 Tense=Past|VerbForm=Part
        le le DET det 9
        gouvernement gouvernement NOUN obj 7
        japonais japonais ADJ amod 9
        . . PUNCT punct 7
         """,
         [('CHN', 'JPN', '111', 'critiquer.v.111@act_on:subject>obj')]),
    Case('frame-act_any', '2024-06-03',
         # Le président ukrainien a exigé du gouvernement russe un retrait.
         """
        Le le DET det 1
        président président NOUN nsubj 4
        ukrainien ukrainien ADJ amod 1
        a avoir AUX aux:tense 4 Mood=Ind|Tense=Pres|VerbForm=Fin
        exigé exiger VERB ROOT 4 Tense=Past|VerbForm=Part
        du de ADP case 6
        gouvernement gouvernement NOUN obl:arg 4
        russe russe VERB amod 6 Mood=Ind|Tense=Pres|VerbForm=Fin
        un un DET det 9
        retrait retrait NOUN obj 4
        . . PUNCT punct 4
         """,
         [('UKR', 'RUS', '100', 'exiger.v.100@act_any:subject>obj')]),
    Case('frame-act_with', '2024-06-03',
         # Le gouvernement chinois a suspendu les importations avec le gouvernement australien.
         """
        Le le DET det 1
        gouvernement gouvernement NOUN nsubj 4
        chinois chinois ADJ amod 1
        a avoir AUX aux:tense 4 Mood=Ind|Tense=Pres|VerbForm=Fin
        suspendu suspendre VERB ROOT 4 Tense=Past|VerbForm=Part
        les le DET det 6 Number=Plur
        importations importation NOUN obj 4 Number=Plur
        avec avec ADP case 9
        le le DET det 9
        gouvernement gouvernement NOUN nmod 6
        australien australien ADJ amod 9
        . . PUNCT punct 4
         """,
         [('CHN', 'AUS', '163', 'suspendre.v.163@act_with:subject>obj')]),
    Case('frame-address', '2024-06-03',
         # Le ministre chinois a reproché au gouvernement philippin ses provocations.
         """
        Le le DET det 1
        ministre ministre NOUN nsubj 4
        chinois chinois ADJ amod 1
        a avoir AUX aux:tense 4 Mood=Ind|Tense=Pres|VerbForm=Fin
        reproché reprocher VERB ROOT 4 Tense=Past|VerbForm=Part
        au au ADP case 6
        gouvernement gouvernement NOUN obl:arg 4
        philippin philippin VERB amod 6 Mood=Ind|Tense=Pres|VerbForm=Fin
        ses son DET det 9 Number=Plur|Poss=Yes
        provocations provocation NOUN nmod 6 Number=Plur
        . . PUNCT punct 4
         """,
         [('CHN', 'PHL', '111', 'reprocher.v.111@address:subject>iobj')]),
    Case('frame-say_to', '2024-06-03',
         # Le ministre russe a déclaré au ministre indien que la coopération continuerait.
         """
        Le le DET det 1
        ministre ministre NOUN nsubj 4
        russe russe ADJ amod 1
        a avoir AUX aux:tense 4 Mood=Ind|Tense=Pres|VerbForm=Fin
        déclaré déclarer VERB ROOT 4 Tense=Past|VerbForm=Part
        au au ADP case 6
        ministre ministre NOUN obl:arg 4
        indien indien ADJ amod 6
        que que PRON mark 11
        la le DET det 10
        coopération coopération NOUN nsubj 11
        continuerait continuer VERB acl:relcl 6 Mood=Cnd|Tense=Pres|VerbForm=Fin
        . . PUNCT punct 4
         """,
         [('RUS', 'IND', '010', 'déclarer.v.010@say_to:subject>iobj')]),
    Case('frame-appeal', '2024-06-03',
         # Le président ukrainien a plaidé auprès du gouvernement allemand pour des chars.
         """
        Le le DET det 1
        président président NOUN nsubj 4
        ukrainien ukrainien ADJ amod 1
        a avoir AUX aux:tense 4 Mood=Ind|Tense=Pres|VerbForm=Fin
        plaidé plaider VERB ROOT 4 Tense=Past|VerbForm=Part
        auprès auprès ADV advmod 4
        du de ADP case 7
        gouvernement gouvernement NOUN obl:arg 5
        allemand allemand ADJ amod 7
        pour pour ADP case 11
        des un DET det 11 Number=Plur
        chars char NOUN obl:mod 4 Number=Plur
        . . PUNCT punct 4
         """,
         [('UKR', 'DEU', '020', 'plaider.v.020@appeal:subject>avec')]),
    Case('frame-give', '2024-06-03',
         # Le gouvernement allemand a livré des armes au gouvernement ukrainien.
         """
        Le le DET det 1
        gouvernement gouvernement NOUN nsubj 4
        allemand allemand ADJ amod 1
        a avoir AUX aux:tense 4 Mood=Ind|Tense=Pres|VerbForm=Fin
        livré livrer VERB ROOT 4 Tense=Past|VerbForm=Part
        des de ADP case 6 Number=Plur
        armes arme NOUN obl:mod 4 Number=Plur
        au au ADP case 8
        gouvernement gouvernement NOUN nmod 6
        ukrainien ukrainien ADJ amod 8
        . . PUNCT punct 4
         """,
         [('DEU', 'UKR', '072', 'livrer.v.072@give:subject>recipient')]),
    Case('frame-visit', '2024-06-03',
         # Le président indonésien a visité Pékin.
         """
        Le le DET det 1
        président président NOUN nsubj 4
        indonésien indonésien ADJ amod 1
        a avoir AUX aux:tense 4 Mood=Ind|Tense=Pres|VerbForm=Fin
        visité visité NOUN ROOT 4
        Pékin Pékin PROPN nmod 4 B-LOC
        . . PUNCT punct 4
         """,
         [('IDN', 'CHN', '042', 'visiter.v.042@visit:subject>obj')]),
    Case('frame-take', '2024-06-03',
         # L'armée irakienne a repris la ville de Ramadi au groupe État islamique.
         """
        L' le DET det 1
        armée armée NOUN nsubj 4
        irakienne irakien ADJ amod 1
        a avoir AUX aux:tense 4 Mood=Ind|Tense=Pres|VerbForm=Fin
        repris reprendre VERB ROOT 4 Tense=Past|VerbForm=Part
        la le DET det 6
        ville ville NOUN obj 4
        de de ADP case 8
        Ramadi Ramadi PROPN nmod 6 B-LOC
        au au ADP case 10
        groupe groupe NOUN obl:arg 4
        État état NOUN nmod 10 B-ORG
        islamique islamique ADJ amod 10 I-ORG
        . . PUNCT punct 4
         """,
         [('IRQ', 'IMGMUSISI', '192', 'reprendre.v.192@take:subject>iobj')]),
    Case('frame-clear', '2024-06-03',
         # La police française a débloqué le dépôt près de Toulouse.
         """
        La le DET det 1
        police police NOUN nsubj 4
        française français ADJ amod 1
        a avoir AUX aux:tense 4 Mood=Ind|Tense=Pres|VerbForm=Fin
        débloqué débloquer VERB ROOT 4 Tense=Past|VerbForm=Part
        le le DET det 6
        dépôt dépôt NOUN obj 4
        près près ADV advmod 9
        de de ADP case 9
        Toulouse Toulouse PROPN nmod 6 B-LOC
        . . PUNCT punct 4
         """,
         [('FRA', 'FRA', '175', 'débloquer.v.175@clear:subject>story_protesters')]),
    Case('frame-arrive', '2024-06-03',
         # Le ministre indien des Affaires étrangères est arrivé à Moscou.
         """
        Le le DET det 1
        ministre ministre NOUN nsubj 7 B-ORG
        indien indien ADJ amod 1 I-ORG
        des de ADP case 4 I-ORG Number=Plur
        Affaires affaire NOUN nmod 1 I-ORG Number=Plur
        étrangères étranger ADJ amod 4 I-ORG Number=Plur
        est être AUX aux:tense 7 Mood=Ind|Tense=Pres|VerbForm=Fin
        arrivé arriver VERB ROOT 7 Tense=Past|VerbForm=Part
        à à ADP case 9
        Moscou Moscou PROPN obl:arg 7 B-LOC
        . . PUNCT punct 7
         """,
         [('IND', 'RUS', '042', 'arriver.v.042@arrive:subject>host')]),
    Case('frame-of', '2024-06-03',
         # Le gouvernement polonais a annoncé l'expulsion de diplomates biélorusses.
         """
        Le le DET det 1
        gouvernement gouvernement NOUN nsubj 4
        polonais polonais ADJ amod 1
        a avoir AUX aux:tense 4 Mood=Ind|Tense=Pres|VerbForm=Fin
        annoncé annoncer VERB ROOT 4 Tense=Past|VerbForm=Part
        l' le DET det 6
        expulsion expulsion NOUN obj 4
        de de ADP case 8
        diplomates diplomate NOUN nmod 6 Number=Plur
        biélorusses biélorusser VERB amod 8 Number=Plur|Tense=Past|VerbForm=Part
        . . PUNCT punct 4
         """,
         [('POL', 'BLR', '166', 'expulsion.n.166@of:noun_source>de')]),
    Case('frame-against', '2024-06-03',
         # Les sanctions du gouvernement américain contre le gouvernement iranien sont entrées en vigueur.
         """
        Les le DET det 1 Number=Plur
        sanctions sanction NOUN nsubj:pass 10 Number=Plur
        du de ADP case 3
        gouvernement gouvernement NOUN nmod 1
        américain américain ADJ amod 3
        contre contre ADP case 7
        le le DET det 7
        gouvernement gouvernement NOUN nmod 1
        iranien iranien ADJ amod 7
        sont être AUX aux:pass 10 Mood=Ind|Number=Plur|Tense=Pres|VerbForm=Fin
        entrées entrer VERB ROOT 10 Number=Plur|Tense=Past|VerbForm=Part|Voice=Pass
        en en ADP case 12
        vigueur vigueur NOUN obl:mod 10
        . . PUNCT punct 10
         """,
         [('USA', 'IRN', '163', 'sanction.n.163@against:noun_source>contre')]),
    Case('frame-act_between', '2024-06-03',
         # Le gouvernement chinois a annoncé la suspension des échanges commerciaux avec le gouvernement lituanien.
         """
        Le le DET det 1
        gouvernement gouvernement NOUN nsubj 4
        chinois chinois ADJ amod 1
        a avoir AUX aux:tense 4 Mood=Ind|Tense=Pres|VerbForm=Fin
        annoncé annoncer VERB ROOT 4 Tense=Past|VerbForm=Part
        la le DET det 6
        suspension suspension NOUN obj 4
        des de ADP case 8 Number=Plur
        échanges échange NOUN nmod 6 Number=Plur
        commerciaux commercial ADJ amod 8 Number=Plur
        avec avec ADP case 12
        le le DET det 12
        gouvernement gouvernement NOUN nmod 6
        lituanien lituanien ADV amod 12
        . . PUNCT punct 4
         """,
         [('CHN', 'LTU', '163', 'suspension.n.163@act_between:noun_source>avec')]),
    Case('frame-recall', '2024-06-03',
         # Le gouvernement marocain a rappelé son ambassadeur à Alger.
         """
        Le le DET det 1
        gouvernement gouvernement NOUN nsubj 4
        marocain marocain ADJ amod 1
        a avoir AUX aux:tense 4 Mood=Ind|Tense=Pres|VerbForm=Fin
        rappelé rappeler VERB ROOT 4 Tense=Past|VerbForm=Part
        son son DET det 6 Poss=Yes
        ambassadeur ambassadeur NOUN obj 4
        à à ADP mark 8
        Alger alger VERB xcomp 4 B-LOC VerbForm=Inf
        . . PUNCT punct 4
         """,
         [('MAR', 'DZA', '161', 'rappeler.v.161@recall:subject>host')]),
    Case('frame-break_with', '2024-06-03',
         # Le gouvernement nicaraguayen a rompu ses relations avec le gouvernement taïwanais.
         """
        Le le DET det 1
        gouvernement gouvernement NOUN nsubj 4
        nicaraguayen nicaraguayen ADJ amod 1
        a avoir AUX aux:tense 4 Mood=Ind|Tense=Pres|VerbForm=Fin
        rompu rompre VERB ROOT 4 Tense=Past|VerbForm=Part
        ses son DET det 6 Number=Plur|Poss=Yes
        relations relation NOUN obj 4 Number=Plur
        avec avec ADP case 9
        le le DET det 9
        gouvernement gouvernement NOUN nmod 6
        taïwanais taïwanais ADJ amod 9
        . . PUNCT punct 4
         """,
         [('NIC', 'TWN', '161', 'rompre.v.161@break_with:subject>obj')]),
    Case('frame-break_between', '2024-06-03',
         # La rupture des relations entre le gouvernement nigérien et le gouvernement français a été annoncée.
         """
        La le DET det 1
        rupture rupture NOUN nsubj:pass 14
        des de ADP case 3 Number=Plur
        relations relation NOUN nmod 1 Number=Plur
        entre entrer ADP case 6
        le le DET det 6
        gouvernement gouvernement NOUN nmod 1
        nigérien nigérien ADJ amod 6
        et et CCONJ cc 14
        le le DET det 10
        gouvernement gouvernement NOUN nsubj:pass 14
        français français ADJ amod 10
        a avoir AUX aux:tense 14 Mood=Ind|Tense=Pres|VerbForm=Fin
        été être AUX aux:pass 14 Tense=Past|VerbForm=Part
        annoncée annoncer VERB ROOT 14 Tense=Past|VerbForm=Part|Voice=Pass
        . . PUNCT punct 14
         """,
         [('NER', 'FRA', '161', 'rupture.n.161@break_between:between>between')]),
    Case('frame-protest_to', '2024-06-03',
         # Le gouvernement chinois a protesté auprès du gouvernement japonais.
         """
        Le le DET det 1
        gouvernement gouvernement NOUN nsubj 4
        chinois chinois ADJ amod 1
        a avoir AUX aux:tense 4 Mood=Ind|Tense=Pres|VerbForm=Fin
        protesté protester VERB ROOT 4 Tense=Past|VerbForm=Part
        auprès auprès ADV advmod 4
        du de ADP case 7
        gouvernement gouvernement NOUN obl:arg 5
        japonais japonais ADJ amod 7
        . . PUNCT punct 4
         """,
         [('CHN', 'JPN', '140', 'protester.v.140@protest_to:subject>avec')]),
    Case('frame-police_act', '2024-06-03',
         # Trois manifestants ont été interpellés par la police française.
         """
        Trois Trois NUM nummod 1
        manifestants manifestant NOUN nsubj:pass 4 Number=Plur
        ont avoir AUX aux:tense 4 Mood=Ind|Number=Plur|Tense=Pres|VerbForm=Fin
        été être AUX aux:pass 4 Tense=Past|VerbForm=Part
        interpellés interpeller VERB ROOT 4 Number=Plur|Tense=Past|VerbForm=Part|Voice=Pass
        par par ADP case 7
        la le DET det 7
        police police NOUN obl:agent 4
        française français ADJ amod 7
        . . PUNCT punct 4
         """,
         [('FRA', 'FRA', '173', 'interpeller.v.173@police_act:passive_agent>passive_subject')]),
    Case('frame-court_act', '2024-06-03',
         # Le tribunal russe a condamné le journaliste américain à six ans de prison.
         """
        Le le DET det 1
        tribunal tribunal NOUN nsubj 4
        russe russe VERB amod 1 Tense=Past|VerbForm=Part
        a avoir AUX aux:tense 4 Mood=Ind|Tense=Pres|VerbForm=Fin
        condamné condamner VERB ROOT 4 Tense=Past|VerbForm=Part
        le le DET det 6
        journaliste journaliste NOUN obj 4
        américain américain ADJ amod 6
        à à ADP case 10
        six six NUM nummod 10
        ans an NOUN nmod 6 Number=Plur
        de de ADP case 12
        prison prison NOUN nmod 10
        . . PUNCT punct 4
         """,
         [('RUS', 'USA', '116', 'condamner.v.116@court_act:subject>obj')]),
    Case('implied-police', '2024-06-03',
         # Trois manifestants ont été interpellés samedi à Paris.
         """
        Trois Trois NUM nummod 1
        manifestants manifestant NOUN nsubj:pass 4 Number=Plur
        ont avoir AUX aux:tense 4 Mood=Ind|Number=Plur|Tense=Pres|VerbForm=Fin
        été être AUX aux:pass 4 Tense=Past|VerbForm=Part
        interpellés interpeller VERB ROOT 4 Number=Plur|Tense=Past|VerbForm=Part|Voice=Pass
        samedi samedi ADJ xcomp 4
        à à ADP case 7
        Paris Paris PROPN obl:mod 4 B-LOC
        . . PUNCT punct 4
         """,
         [('FRA', 'FRA', '173', 'interpeller.v.173@police_act:implied>passive_subject')]),
    Case('implied-court-and-former', '2024-06-03',
         # L'ancien ministre a été condamné à deux ans de prison ferme par le tribunal de Lyon.
         """
        L' le DET det 2
        ancien ancien ADJ amod 2
        ministre ministre NOUN nsubj:pass 5
        a avoir AUX aux:tense 5 Mood=Ind|Tense=Pres|VerbForm=Fin
        été être AUX aux:pass 5 Tense=Past|VerbForm=Part
        condamné condamner VERB ROOT 5 Tense=Past|VerbForm=Part|Voice=Pass
        à à ADP case 8
        deux deux NUM nummod 8
        ans an NOUN obl:arg 5 Number=Plur
        de de ADP case 10
        prison prison NOUN nmod 8
        ferme ferme ADJ amod 8
        par par ADP case 14
        le le DET det 14
        tribunal tribunal NOUN obl:agent 5
        de de ADP case 16
        Lyon Lyon PROPN nmod 14 B-LOC
        . . PUNCT punct 5
         """,
         [('FRA', 'FRA', '116', 'condamner.v.116@court_act:passive_agent>passive_subject')]),
    Case('negated', '2024-06-03',
         # Le président français n'a pas rencontré le chancelier allemand.
         """
        Le le DET det 1
        président président NOUN nsubj 6
        français français ADJ amod 1
        n' ne ADV advmod 6
        a avoir AUX aux:tense 6 Mood=Ind|Tense=Pres|VerbForm=Fin
        pas pas ADV advmod 6
        rencontré rencontrer VERB ROOT 6 Tense=Past|VerbForm=Part
        le le DET det 8
        chancelier chancelier NOUN obj 6
        allemand allemand ADJ amod 8
        . . PUNCT punct 6
         """,
         []),
    Case('negated-subject', '2024-06-03',
         # Aucun dirigeant européen n'a rencontré le président russe.
         """
        Aucun aucun DET det 1
        dirigeant dirigeant NOUN nsubj 5
        européen européen ADJ amod 1
        n' ne ADV advmod 5
        a avoir AUX aux:tense 5 Mood=Ind|Tense=Pres|VerbForm=Fin
        rencontré rencontrer VERB ROOT 5 Tense=Past|VerbForm=Part
        le le DET det 7
        président président NOUN obj 5
        russe russe ADJ amod 7
        . . PUNCT punct 5
         """,
         []),
    Case('conditional', '2024-06-03',
         # Le président français rencontrerait le chancelier allemand si la crise s'aggravait.
         """
        Le le DET det 1
        président président NOUN nsubj 3
        français français ADJ amod 1
        rencontrerait rencontrer VERB ROOT 3 Mood=Ind|Tense=Imp|VerbForm=Fin
        le le DET det 5
        chancelier chancelier NOUN obj 3
        allemand allemand ADJ amod 5
        si si SCONJ mark 11
        la le DET det 9
        crise crise NOUN nsubj 11
        s' se PRON expl:pass 11 Reflex=Yes
        aggravait aggraver VERB advcl 3 Mood=Ind|Tense=Imp|VerbForm=Fin
        . . PUNCT punct 3
         """,
         []),
    Case('reported-future-is-intent', '2024-06-03',
         # Le président français a annoncé qu'il rencontrerait le chancelier allemand.
         """
        Le le DET det 1
        président président NOUN nsubj 4
        français français ADJ amod 1
        a avoir AUX aux:tense 4 Mood=Ind|Tense=Pres|VerbForm=Fin
        annoncé annoncer VERB ROOT 4 Tense=Past|VerbForm=Part
        qu' que SCONJ mark 7
        il il PRON nsubj 7
        rencontrerait rencontrer VERB ccomp 4 Mood=Ind|Tense=Imp|VerbForm=Fin
        le le DET det 9
        chancelier chancelier NOUN obj 7
        allemand allemand ADJ amod 9
        . . PUNCT punct 4
         """,
         [('FRA', 'DEU', '036', 'rencontrer.v.040@meet:subject>obj')]),
    Case('future-is-intent', '2024-06-03',
         # Le président français rencontrera le chancelier allemand.
         """
        Le le DET det 1
        président président NOUN nsubj 3
        français français ADJ amod 1
        rencontrera rencontrer VERB ROOT 3 Mood=Ind|Tense=Fut|VerbForm=Fin
        le le DET det 5
        chancelier chancelier ADJ obj 3
        allemand allemand ADJ amod 5
        . . PUNCT punct 3
         """,
         [('FRA', 'DEU', '036', 'rencontrer.v.040@meet:subject>obj')]),
    Case('planned-is-intent', '2024-06-03',
         # Le président français doit rencontrer le chancelier allemand.
         """
        Le le DET det 1
        président président NOUN nsubj 3
        français français ADJ amod 1
        doit devoir VERB ROOT 3 Mood=Ind|Tense=Pres|VerbForm=Fin
        rencontrer rencontrer VERB xcomp 3 VerbForm=Inf
        le le DET det 6
        chancelier chancelier NOUN obj 4
        allemand allemand ADJ amod 6
        . . PUNCT punct 3
         """,
         [('FRA', 'DEU', '036', 'rencontrer.v.040@meet:subject>obj')]),
    Case('cancelled', '2024-06-03',
         # Le président français a annulé sa rencontre avec le chancelier allemand.
         """
        Le le DET det 1
        président président NOUN nsubj 4
        français français ADJ amod 1
        a avoir AUX aux:tense 4 Mood=Ind|Tense=Pres|VerbForm=Fin
        annulé annuler VERB ROOT 4 Tense=Past|VerbForm=Part
        sa son DET det 6 Poss=Yes
        rencontre rencontre NOUN obj 4
        avec avec ADP case 9
        le le DET det 9
        chancelier chancelier NOUN nmod 6
        allemand allemand ADJ amod 9
        . . PUNCT punct 4
         """,
         []),
    Case('alleged', '2024-06-03',
         # Le gouvernement indien a accusé le gouvernement pakistanais de soutenir les rebelles.
         """
        Le le DET det 1
        gouvernement gouvernement NOUN nsubj 4
        indien indien ADJ amod 1
        a avoir AUX aux:tense 4 Mood=Ind|Tense=Pres|VerbForm=Fin
        accusé accuser VERB ROOT 4 Tense=Past|VerbForm=Part
        le le DET det 6
        gouvernement gouvernement NOUN obj 4
        pakistanais pakistanais ADJ amod 6
        de de ADP mark 9
        soutenir soutenir VERB xcomp 4 VerbForm=Inf
        les le DET det 11 Number=Plur
        rebelles rebelle NOUN obj 9 Number=Plur
        . . PUNCT punct 4
         """,
         [('IND', 'PAK', '112', 'accuser.v.112@act_on:subject>obj')]),
    Case('sentenced-is-116', '2024-06-03',
         # Le tribunal russe a condamné le journaliste américain à six ans de prison.
         """
        Le le DET det 1
        tribunal tribunal NOUN nsubj 4
        russe russe VERB amod 1 Tense=Past|VerbForm=Part
        a avoir AUX aux:tense 4 Mood=Ind|Tense=Pres|VerbForm=Fin
        condamné condamner VERB ROOT 4 Tense=Past|VerbForm=Part
        le le DET det 6
        journaliste journaliste NOUN obj 4
        américain américain ADJ amod 6
        à à ADP case 10
        six six NUM nummod 10
        ans an NOUN nmod 6 Number=Plur
        de de ADP case 12
        prison prison NOUN nmod 10
        . . PUNCT punct 4
         """,
         [('RUS', 'USA', '116', 'condamner.v.116@court_act:subject>obj')]),
    Case('anaphoric', '2024-06-03',
         # Cette rencontre entre le président français et le chancelier allemand a duré une heure.
         """
        Cette ce DET det 1
        rencontre rencontre NOUN nsubj 11
        entre entrer ADP case 4
        le le DET det 4
        président président NOUN nmod 1
        français français ADJ amod 4
        et et CCONJ cc 11
        le le DET det 8
        chancelier chancelier NOUN nsubj 11
        allemand allemand ADJ amod 8
        a avoir AUX aux:tense 11 Mood=Ind|Tense=Pres|VerbForm=Fin
        duré durer VERB ROOT 11 Tense=Past|VerbForm=Part
        une un DET det 13
        heure heure NOUN obj 11
        . . PUNCT punct 11
         """,
         []),
    Case('passive', '2024-06-03',
         # Le ministre chinois a été reçu par le président égyptien.
         """
        Le le DET det 1
        ministre ministre NOUN nsubj:pass 5
        chinois chinois ADJ amod 1
        a avoir AUX aux:tense 5 Mood=Ind|Tense=Pres|VerbForm=Fin
        été être AUX aux:pass 5 Tense=Past|VerbForm=Part
        reçu recevoir VERB ROOT 5 Tense=Past|VerbForm=Part|Voice=Pass
        par par ADP case 8
        le le DET det 8
        président président NOUN obl:agent 5
        égyptien égyptien ADJ amod 8
        . . PUNCT punct 5
         """,
         [('EGY', 'CHN', '043', 'recevoir.v.043@act_on:passive_agent>passive_subject')]),
    Case('reflexive-motion', '2024-06-03',
         # Le président français s'est rendu à Berlin.
         """
        Le le DET det 1
        président président NOUN nsubj 5
        français français ADJ amod 1
        s' se PRON expl:comp 5 Reflex=Yes
        est être AUX aux:tense 5 Mood=Ind|Tense=Pres|VerbForm=Fin
        rendu rendre VERB ROOT 5 Tense=Past|VerbForm=Part
        à à ADP case 7
        Berlin Berlin PROPN obl:arg 5 B-LOC
        . . PUNCT punct 5
         """,
         [('FRA', 'DEU', '042', 'rendre.v.042@arrive:subject>host')]),
    Case('sports', '2024-06-03',
         # L'équipe française a rencontré l'équipe allemande en demi-finale du match.
         """
        L' le DET det 1
        équipe équipe NOUN nsubj 4
        française français ADJ amod 1
        a avoir AUX aux:tense 4 Mood=Ind|Tense=Pres|VerbForm=Fin
        rencontré rencontrer VERB ROOT 4 Tense=Past|VerbForm=Part
        l' le DET det 6
        équipe équipe NOUN obj 4
        allemande allemand ADJ amod 6
        en en ADP case 9
        demi-finale demi-finale NOUN nmod 6
        du de ADP case 11
        match match NOUN nmod 9
        . . PUNCT punct 4
         """,
         []),
    Case('domestic-two-people', '2021-03-02',
         # Emmanuel Macron a reçu Jean Castex à l'Élysée.
         """
        Emmanuel Emmanuel PROPN nsubj 3 B-PER
        Macron Macron PROPN flat:name 0 I-PER
        a avoir AUX aux:tense 3 Mood=Ind|Tense=Pres|VerbForm=Fin
        reçu recevoir VERB ROOT 3 Tense=Past|VerbForm=Part
        Jean Jean PROPN obj 3 B-PER
        Castex Castex PROPN flat:name 4 I-PER
        à à ADP case 8
        l' le DET det 8
        Élysée Élysée PROPN obl:arg 3 B-LOC
        . . PUNCT punct 3
         """,
         [('FRA', 'FRA', '043', 'recevoir.v.043@act_on:subject>obj')]),
    Case('self-is-no-event', '2021-03-02',
         # Emmanuel Macron a critiqué le gouvernement français.
         """
        Emmanuel Emmanuel PROPN nsubj 3 B-PER
        Macron Macron PROPN flat:name 0 I-PER
        a avoir AUX aux:tense 3 Mood=Ind|Tense=Pres|VerbForm=Fin
        critiqué critiquer VERB ROOT 3 Tense=Past|VerbForm=Part
        le le DET det 5
        gouvernement gouvernement NOUN obj 3
        français français ADJ amod 5
        . . PUNCT punct 3
         """,
         []),
    Case('light-verb-noun', '2024-06-03',
         # Le gouvernement japonais a exprimé ses regrets au gouvernement sud-coréen.
         """
        Le le DET det 1
        gouvernement gouvernement NOUN nsubj 4
        japonais japonais ADJ amod 1
        a avoir AUX aux:tense 4 Mood=Ind|Tense=Pres|VerbForm=Fin
        exprimé exprimer VERB ROOT 4 Tense=Past|VerbForm=Part
        ses son DET det 6 Number=Plur|Poss=Yes
        regrets regret NOUN obj 4 Number=Plur
        au au ADP case 8
        gouvernement gouvernement NOUN obl:arg 4
        sud-coréen sud-coréen ADJ amod 8
        . . PUNCT punct 4
         """,
         [('JPN', 'KOR', '055', 'regret.n.055@say_to:noun_source>iobj')]),
    Case('participle-read-as-adverb', '2024-06-03',
         # Le gouvernement français a expulsé quatre diplomates russes.
         """
        Le le DET det 1
        gouvernement gouvernement NOUN nsubj 3
        français français ADJ amod 1
        a avoir VERB ROOT 3 Mood=Ind|Tense=Pres|VerbForm=Fin
        expulsé expulsé ADV fixed 3
        quatre quatre NUM nummod 6
        diplomates diplomate NOUN obj 3 Number=Plur
        russes russe ADJ amod 6 Number=Plur
        . . PUNCT punct 3
         """,
         [('FRA', 'RUS', '166', 'expulser.v.166@act_on:subject>obj')]),
    # the small model's parse of a present-tense verb it took for an adjective: a sentence without a verb
    # (events.coding.verbless re-reads it: subject noun, verb, object)
    Case('verbless-critique', '2017-02-10',
         # Le gouvernement français critique vivement l'Union européenne.
         """
        Le le DET det 1
        gouvernement gouvernement NOUN ROOT 1
        français français ADJ amod 1
        critique critique ADJ amod 1
        vivement vivement ADV advmod 3
        l' le DET det 6
        Union Union PROPN nmod 1 B-ORG
        européenne européen ADJ amod 6 I-ORG
        . . PUNCT punct 1
         """,
         [('FRA', 'IGOEUREEC', '111', 'critiquer.v.111@act_on:subject>obj')]),
    Case('verbless-critique-oblique-after-object', '2017-02-10',
         # Le ministre russe critique les États-Unis pour leur présence militaire.
         """
        Le le DET det 1
        ministre ministre NOUN ROOT 1
        russe russe ADJ amod 1
        critique critique ADJ amod 1
        les le DET det 5
        États-Unis États-Unis PROPN nmod 1 B-LOC
        pour pour ADP case 8
        leur leur DET det 8
        présence présence NOUN nmod 1
        militaire militaire ADJ amod 8
        . . PUNCT punct 1
         """,
         [('RUS', 'USA', '111', 'critiquer.v.111@act_on:subject>obj')]),
    Case('verbless-verb-under-a-noun-of-the-subject-phrase', '2017-02-10',
         # Le parti d'opposition allemand critique vivement le gouvernement russe.
         """
        Le le DET det 1
        parti parti NOUN ROOT 1
        d' de ADP case 3
        opposition opposition NOUN nmod 1
        allemand allemand ADJ amod 3
        critique critique ADJ amod 3
        vivement vivement ADV advmod 1
        le le DET det 8
        gouvernement gouvernement NOUN nmod 1
        russe russe ADJ amod 8
        . . PUNCT punct 1
         """,
         [('DEU', 'RUS', '111', 'critiquer.v.111@act_on:subject>obj')]),
    Case('verbless-verb-taken-for-a-noun-with-its-subject', '2017-02-10',
         # Le sénateur américain dénonce le gouvernement russe : « Rien n'a changé ».
         # (a verb after the clause, in the quote, does not give the clause one)
         """
        Le le DET det 1
        sénateur sénateur NOUN nsubj 3
        américain américain ADJ amod 1
        dénonce dénonce NOUN ROOT 3
        le le DET det 5
        gouvernement gouvernement NOUN nmod 3
        russe russe ADJ amod 5
        : : PUNCT punct 3
        « « PUNCT punct 11
        Rien rien PRON nsubj 11
        n' ne ADV advmod 11
        a avoir AUX aux:tense 12
        changé changer VERB parataxis 3
        » » PUNCT punct 11
        . . PUNCT punct 3
         """,
         [('USA', 'RUS', '111', 'dénoncer.v.111@act_on:subject>obj')]),
    # "au téléphone à X": the addressee is the first "à" phrase that names a party, not the instrument
    Case('iobj-second-a-phrase', '2016-11-09',
         # Le président américain a parlé au téléphone au président turc.
         """
        Le le DET det 1
        président président NOUN nsubj 4
        américain américain ADJ amod 1
        a avoir AUX aux:tense 4
        parlé parler VERB ROOT 4
        au au ADP case 6
        téléphone téléphone NOUN obl:arg 4
        au au ADP case 8
        président président NOUN obl:arg 4
        turc turc ADJ amod 8
        . . PUNCT punct 4
         """,
         [('USA', 'TUR', '041', 'parler.v.041@meet:subject>iobj_not_place')]),
    # help received: the giver "de X" acts on the subject of the verb of receiving
    Case('frame-received', '2024-03-01',
         # Le gouvernement ukrainien a reçu l'aide du gouvernement américain.
         """
        Le le DET det 1
        gouvernement gouvernement NOUN nsubj 4
        ukrainien ukrainien ADJ amod 1
        a avoir AUX aux:tense 4
        reçu recevoir VERB ROOT 4
        l' le DET det 6
        aide aide NOUN obj 4
        du de ADP case 8
        gouvernement gouvernement NOUN nmod 6
        américain américain ADJ amod 8
        . . PUNCT punct 4
         """,
         [('USA', 'UKR', '070', 'aide.n.070@received:giver>subject')]),
    # leaving: with two "de", the first leaves and the second is left
    Case('frame-leave', '2024-03-01',
         # Le ministre français a commenté la sortie du Royaume-Uni de l'Union européenne.
         """
        Le le DET det 1
        ministre ministre NOUN nsubj 4
        français français ADJ amod 1
        a avoir AUX aux:tense 4
        commenté commenter VERB ROOT 4
        la le DET det 6
        sortie sortie NOUN obj 4
        du de ADP case 8
        Royaume-Uni royaume-uni NOUN nmod 6
        de de ADP case 11
        l' le DET det 11
        Union Union PROPN nmod 8
        européenne européen ADJ amod 11
        . . PUNCT punct 4
         """,
         [('GBR', 'IGOEUREEC', '160', 'sortie.n.160@leave:leaver>left')]),
    # tabling a resolution: to the body named, else the IGO of the sentence, else the United Nations
    Case('frame-table', '2024-03-01',
         # Le Conseil de sécurité a adopté une résolution proposée par la France.
         """
        Le le DET det 1
        Conseil conseil NOUN nsubj 5
        de de ADP case 3
        sécurité sécurité NOUN nmod 1
        a avoir AUX aux:tense 5
        adopté adopter VERB ROOT 5
        une un DET det 7
        résolution résolution NOUN obj 5
        proposée proposer VERB acl 7
        par par ADP case 11
        la le DET det 11
        France France PROPN obl:agent 8
        . . PUNCT punct 5
         """,
         [('FRA', 'IGOUNO', '022', 'proposer.v.022@table:passive_agent>body_igo')]),
    # mediation: from the mediator to each party, "entre X et Y"
    Case('frame-mediate', '2024-03-01',
         # La médiation du gouvernement qatari entre le gouvernement israélien et le gouvernement égyptien a abouti.
         """
        La le DET det 1
        médiation médiation NOUN nsubj 14
        du de ADP case 3
        gouvernement gouvernement NOUN nmod 1
        qatari qatari ADJ amod 3
        entre entre ADP case 7
        le le DET det 7
        gouvernement gouvernement NOUN nmod 1
        israélien israélien ADJ amod 7
        et et CCONJ cc 11
        le le DET det 11
        gouvernement gouvernement NOUN conj 7
        égyptien égyptien ADJ amod 11
        a avoir AUX aux:tense 14
        abouti aboutir VERB ROOT 14
        . . PUNCT punct 14
         """,
         [('QAT', 'ISR', '045', 'médiation.n.045@mediate:noun_source>between'),
          ('QAT', 'EGY', '045', 'médiation.n.045@mediate:noun_source>between')]),
    # talks counted in a length of time under the clause's verb are the clause subject's
    Case('talks-over-a-length-of-time', '2024-03-01',
         # Après trois jours de négociations avec le gouvernement russe, le ministre ukrainien a signé l'accord.
         """
        Après après ADP case 2
        trois trois NUM nummod 2
        jours jour NOUN obl:mod 14
        de de ADP case 4
        négociations négociation NOUN nmod 2
        avec avec ADP case 7
        le le DET det 7
        gouvernement gouvernement NOUN nmod 2
        russe russe ADJ amod 7
        , , PUNCT punct 14
        le le DET det 11
        ministre ministre NOUN nsubj 14
        ukrainien ukrainien ADJ amod 11
        a avoir AUX aux:tense 14
        signé signer VERB ROOT 14
        l' le DET det 16
        accord accord NOUN obj 14
        . . PUNCT punct 14
         """,
         [('UKR', 'RUS', '046', 'négociation.n.046@talks:noun_source>after_avec'),
          ('UKR', 'RUS', '057', 'signer.v.057@meet_with:subject>recent_partner')]),
    Case('protests-over-a-length-of-time-are-not-the-subjects', '2024-03-01',
         # Après deux jours de manifestations, le gouvernement français a retiré la réforme.
         """
        Après après ADP case 2
        deux deux NUM nummod 2
        jours jour NOUN obl:mod 11
        de de ADP case 4
        manifestations manifestation NOUN nmod 2
        , , PUNCT punct 11
        le le DET det 7
        gouvernement gouvernement NOUN nsubj 11
        français français ADJ amod 7
        a avoir AUX aux:tense 11
        retiré retirer VERB ROOT 11
        la le DET det 13
        réforme réforme NOUN obj 11
        . . PUNCT punct 11
         """,
         [('FRA', 'FRA', '141', 'manifestation.n.141@against:implied>linear')]),
    # "recevoir" hosts a visit when its object is a title or a person the text names (required word @personne)
    Case('required-named-person', '2024-05-06',
         # Le président américain a reçu Emmanuel Macron à Washington.
         """
        Le le DET det 1
        président président NOUN nsubj 4
        américain américain ADJ amod 1
        a avoir AUX aux:tense 4
        reçu recevoir VERB ROOT 4
        Emmanuel Emmanuel PROPN obj 4 B-PER
        Macron Macron PROPN flat:name 5 I-PER
        à à ADP case 8
        Washington Washington PROPN obl:mod 4 B-LOC
        . . PUNCT punct 4
         """,
         [('USA', 'FRA', '043', 'recevoir.v.043@act_on:subject>obj')]),
    Case('required-named-person-not-a-thing', '2024-05-06',
         # Le président américain a reçu un prix à Washington.
         """
        Le le DET det 1
        président président NOUN nsubj 4
        américain américain ADJ amod 1
        a avoir AUX aux:tense 4
        reçu recevoir VERB ROOT 4
        un un DET det 6
        prix prix NOUN obj 4
        à à ADP case 8
        Washington Washington PROPN obl:mod 4 B-LOC
        . . PUNCT punct 4
         """,
         []),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_rule_on_a_hand_built_parse(coder: Coder, case: Case) -> None:
    doc = build_doc(case.parse)
    events = coder.code_doc(doc, dt.date.fromisoformat(case.published))
    got = [(e.actor1.actor.country or e.actor1.actor.code, e.actor2.actor.country or e.actor2.actor.code, e.code,
            e.rule_id) for e in events]
    assert got == case.expected, doc.text


def test_every_frame_has_a_case() -> None:
    covered = {case.name.removeprefix("frame-") for case in CASES if case.name.startswith("frame-")}
    assert set(load_lexicon().frames) <= covered
    for case in CASES:
        if case.name.startswith("frame-"):
            frame = case.name.removeprefix("frame-")
            assert any(f"@{frame}:" in rule for *_, rule in case.expected), case.name


@pytest.mark.parametrize(("text", "parse"), [
    ("la critique du gouvernement",  # a determiner: the noun
     "la le DET det 1\ncritique critique NOUN ROOT 1\ndu de ADP case 3\ngouvernement gouvernement NOUN nmod 1"),
    ("France : attaque à Valence",  # a headline: punctuation between the subject and the word
     "France France PROPN ROOT 0\n: : PUNCT punct 0\nattaque attaque NOUN appos 0\nà à ADP case 4\n"
     "Valence Valence PROPN nmod 2"),
    ("Le gouvernement critique .",  # nothing after the word
     "Le le DET det 1\ngouvernement gouvernement NOUN ROOT 1\ncritique critique ADJ amod 1\n. . PUNCT punct 1"),
    ("Le président blessé par les rebelles",  # a participle is an adjective
     "Le le DET det 1\nprésident président NOUN ROOT 1\nblessé blesser ADJ amod 1\npar par ADP case 5\n"
     "les le DET det 5\nrebelles rebelle NOUN nmod 2"),
    ("Le ministre critique a répondu aux critiques",  # the clause has a verb
     "Le le DET det 1\nministre ministre NOUN nsubj 4\ncritique critique ADJ amod 1\na avoir AUX aux:tense 4\n"
     "répondu répondre VERB ROOT 4\naux à ADP case 6\ncritiques critique NOUN obl:arg 4"),
])
def test_a_word_that_is_no_verb_stays_as_parsed(text: str, parse: str) -> None:
    from events.coding.verbless import repair_verbless

    doc = build_doc(parse)
    before = [(t.pos_, t.dep_, t.head.i) for t in doc]
    assert repair_verbless(next(iter(doc.sents)), load_lexicon()) is None, text
    assert [(t.pos_, t.dep_, t.head.i) for t in doc] == before
