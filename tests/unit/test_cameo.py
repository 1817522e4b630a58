import pytest

from events.cameo import UnknownCameoCode, load_codebook, lookup, quad_class_for_root
from tests.conftest import shared_path


def test_codebook_covers_the_codes_the_coder_emits():
    from events.coding import load_lexicon

    codebook = load_codebook()
    for trigger in load_lexicon().all_triggers():
        assert trigger.code in codebook, trigger
    assert "036" in codebook


@pytest.mark.parametrize(("root", "quad"), [("01", 1), ("05", 1), ("06", 2), ("09", 2), ("10", 3), ("14", 3),
                                            ("15", 4), ("20", 4)])
def test_quad_class_follows_gdelt(root, quad):
    assert quad_class_for_root(root) == quad
    assert all(c.quad_class == quad for c in load_codebook().values() if c.root == root)


def test_unknown_code_raises():
    with pytest.raises(UnknownCameoCode):
        lookup("999")


def test_codebook_matches_gdelt_reference():
    reference = shared_path("reference", "cameo", "gdelt")
    codes = {}
    for line in (reference / "CAMEO.eventcodes.txt").read_text(encoding="utf-8").splitlines()[1:]:
        code, _, name = line.partition("\t")
        codes[code.strip()] = name
    goldstein = {}
    for line in (reference / "CAMEO.goldsteinscale.txt").read_text(encoding="utf-8").splitlines()[1:]:
        code, _, value = line.partition("\t")
        goldstein[code.strip()] = float(value)
    ours = load_codebook()
    assert set(codes) == set(ours)
    assert {c: ours[c].goldstein for c in goldstein} == goldstein
