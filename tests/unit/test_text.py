from events.text import fold, html_to_text, looks_like_html, normalize_text


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


def test_mojibake_is_repaired():
    assert normalize_text("PÃ©kin") == "Pékin"
    assert normalize_text("la rÃ©union Ã  Paris") == "la réunion à Paris"
    assert normalize_text("Ã\u00a0 Paris") == "à Paris"
    assert normalize_text("lâ€™Ã‰lysÃ©e et le cÅ“ur") == "l'Élysée et le cœur"
    assert normalize_text("â€œouiâ€\x9d, 20Â\u00a0â‚¬") == '"oui", 20 €'


def test_correct_french_text_is_not_repaired():
    for text in ("Pékin, réunion à Paris, « L'ÉTÉ »", "Ça suffit ! À Noël, Ève et Zoë à l'Élysée.",
                 "SÃO PAULO (Brésil)", "Crème brûlée, naïveté, cœur, Œuvre, 20 °C, § 3, 2 €"):
        assert normalize_text(text) == normalize_text(normalize_text(text)) == text


def test_mojibake_repair_is_idempotent():
    once = normalize_text("Ã©tÃ© Ã  lâ€™Ã©cole")
    assert once == "été à l'école"
    assert normalize_text(once) == once


def test_html_is_turned_into_text():
    page = ("<html><head><title>T</title><style>p { color: red }</style></head><body>"
            "<div><p>Le pr&eacute;sident &amp; le ministre</p>\n  <script>var x = '<p>non</p>';</script>"
            "<p>Deuxi&egrave;me<br>ligne<br/>encore</p><!-- commentaire --></div></body></html>")
    assert looks_like_html(page)
    assert normalize_text(html_to_text(page)) == "Le président & le ministre\n\nDeuxième\nligne\nencore"


def test_plain_text_is_left_alone_by_html_cleaning():
    text = "R&D, AT&T et 3 < 4 > 2 : le président l'a dit."
    assert not looks_like_html(text)
    assert html_to_text(text) == text
    assert html_to_text("l&#39;&eacute;t&eacute; &amp; l&rsquo;hiver") == "l'été & l\u2019hiver"


def test_scripts_hidden_inside_scripts_leave_no_body_and_no_tag_fragment():
    for page in ("<scr<script>x</script>ipt>alert(2)</script>",
                 "<p>Avant.</p><scr<script>x</script>ipt>alert(2)</script><p>Après.</p>",
                 "<p>Avant.</p><<script>script>alert(1)<</script>/script><p>Après.</p>",
                 "<p>Avant.</p><sty<style>x</style>le>p { color: red }</style><p>Après.</p>",
                 "<p>Avant.</p><SCRIPT type='text/javascript'>alert(3)</SCRIPT ><p>Après.</p>",
                 "<p>Avant.</p>&lt;script&gt;alert(4)&lt;/script&gt;<p>Après.</p>",
                 "<p>Avant.</p><p>Après.</p><script>alert(5)"):
        text = normalize_text(html_to_text(page))
        assert text in ("", "Avant.\n\nAprès."), (page, text)
        assert not any(word in text for word in ("alert", "ipt", "script", "<", ">", "color")), (page, text)


def test_french_prose_survives_html_cleaning():
    prose = "a < b et c > d, l'«Élysée», « oui » et 3 <= 4 >= 2"
    assert html_to_text(prose) == prose
    assert normalize_text(html_to_text(f"<p>{prose}</p>")) == "a < b et c > d, l'« Élysée », « oui » et 3 <= 4 >= 2"
