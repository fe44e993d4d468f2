"""A law defines its category by the kinds it lists ("本法所称特种设备，是指…锅炉…电梯…"): where it says
the category it says each kind, though a sentence naming the kind itself ranks first."""
import pytest

from tests.conftest import library_qa

LAW = "law_特种设备安全法(2013-06-29).md"


@pytest.fixture(scope="module")
def qa(tmp_path_factory, embedder):
    return library_qa(tmp_path_factory, embedder, [LAW])


def test_a_kind_is_said_where_the_law_says_its_category(qa):
    # 第三十三条: "特种设备使用单位应当在特种设备投入使用前或者投入使用后三十日内…办理使用登记"
    a = qa.ask("单位新装的电梯，多长时间内要去办使用登记？")
    assert not a.refused and "三十日内" in a.answer and a.citations[0]["article"] == "第三十三条"


def test_the_kind_itself_ranks_before_its_category():
    from rag.evidence import QueryTerms

    qt = QueryTerms({"电梯": 4.0, "登记": 4.0}, categories={"电梯": ["特种设备"]})
    general, specific = "特种设备使用单位应当办理使用登记", "电梯使用单位应当办理使用登记"
    assert qt.coverage(general) == qt.coverage(specific) == 1.0  # the category says the kind
    assert qt.share(specific) > qt.share(general)  # the kind's own sentence ranks first
