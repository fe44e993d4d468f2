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
