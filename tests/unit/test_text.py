from events.text import fold, normalize_text


def test_curly_apostrophes_become_straight():
    assert normalize_text("s’est entretenu à l’Élysée") == "s'est entretenu à l'Élysée"


def test_guillemets_and_non_breaking_spaces_are_tidied():
    assert normalize_text("«\u00a0équilibré\u202f»") == "« équilibré »"
    assert normalize_text("a dit «très bien»") == "a dit « très bien »"


def test_paragraphs_are_kept_and_spaces_collapsed():
    assert normalize_text("Un  premier\u00a0paragraphe.\n \n\nLe second.") == "Un premier paragraphe.\n\nLe second."


def test_fold_removes_case_accents_and_hyphens():
    assert fold("Pékin") == "pekin"
    assert fold("Erdoğan") == "erdogan"
    assert fold("Maison-Blanche") == "maison blanche"
