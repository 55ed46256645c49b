"""The unseen-news scorer's matching of gold items to predictions."""

from tests.extract.unseen import _pair


def test_pair_finds_the_largest_matching() -> None:
    # gold 0 fits both predictions, gold 1 only the first: greedy would give gold 0 the first and leave gold 1 out
    golds = [{"fits": {0, 1}}, {"fits": {0}}]
    assert _pair(golds, [0, 1], lambda g, p: p in g["fits"]) == {0: 1, 1: 0}


def test_pair_matches_required_gold_before_optional() -> None:
    golds = [{"fits": {0}, "optional": True}, {"fits": {0}}]
    assert _pair(golds, [0], lambda g, p: p in g["fits"]) == {1: 0}


def test_pair_is_one_to_one() -> None:
    golds = [{"fits": {0}}, {"fits": {0}}]
    assert len(_pair(golds, [0], lambda g, p: p in g["fits"])) == 1


def test_pair_prefers_the_prediction_that_agrees() -> None:
    golds = [{"fits": {0, 1}, "want": 1}]
    assert _pair(golds, [0, 1], lambda g, p: p in g["fits"], lambda g, p: p == g["want"]) == {0: 1}
