"""A provision's list asked for: the sentence that best says the topic may be followed, in the same
article, by the lead-in that announces the list ("…应当建立安全技术档案。安全技术档案应当包括以下内容："):
the answer is both, with every item."""
import pytest

from tests.conftest import library_qa

LAW = "law_特种设备安全法(2013-06-29).md"


@pytest.fixture(scope="module")
def qa(tmp_path_factory, embedder):
    return library_qa(tmp_path_factory, embedder, [LAW])


def test_the_list_announced_after_the_best_sentence(qa):
    a = qa.ask("特种设备使用单位要建立安全技术档案，档案包括哪些内容？")
    assert not a.refused and "第三十五条" in a.answer
    assert "设计文件" in a.answer and "定期检验和定期自行检查记录" in a.answer


@pytest.fixture(scope="module")
def mine_qa(tmp_path_factory, embedder):
    return library_qa(tmp_path_factory, embedder, ["law_北京市实施《矿山安全法》办法(2021-09-24).md"])


def test_who_is_answered_with_the_duties_the_provision_lists(mine_qa):
    # "第六条 乡、镇人民政府负责…的监督管理，履行下列职责：（一）…（四）…": the body, and what it is to do
    a = mine_qa.ask("乡镇矿山企业安全工作的监督管理由谁负责？")
    assert not a.refused and "乡、镇人民政府" in a.answer
    assert "安全教育和培训" in a.answer and "事故隐患的防范措施" in a.answer
