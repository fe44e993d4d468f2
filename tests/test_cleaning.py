import re

import pytest

from ingest.cleaning import LOST, clean, profile
from tests.conftest import SEEDS, read_seed


@pytest.fixture(scope="module")
def c000():
    return clean(read_seed("000_2b9f627f46ec8eee.txt"))[0].text


@pytest.fixture(scope="module")
def c002():
    return clean(read_seed("002_3cc3db46b208897f.txt"))[0].text


def test_000_shifted_last_characters_repaired(c000):
    assert "各直属事业单位：\n" in c000  # 单位9/p>
    assert "请结合实际认真贯彻落实。\n" in c000  # 、/p>
    assert "\n上海市应急管理局2022年工作要点\n" in c000  # 要炸/p>
    assert "激励干部队伍担当作为\n" in c000  # 作丹/p>
    assert "/p>" not in c000


def test_000_entities_and_lost_characters_marked(c000):
    assert "组织开□“责任主体谈主体责□”" in c000  # ?ldquo; / ?rdquo;
    assert "市政府总值班室□10警情□19火情" in c000  # ?10 is 110, but the digit is lost: marked, not guessed
    assert "ldquo" not in c000 and "rdquo" not in c000
    assert "?" not in c000
    assert "有效降低城市安全风□\n" in c000  # ?/p>: the last character itself was lost


def test_002_banner_page_numbers_and_spaces(c002):
    raw = read_seed("002_3cc3db46b208897f.txt")
    assert "淘文阁" in raw and "淘文阁" not in c002
    assert "由会员分享" not in c002
    assert "齐抓共管、失职追责”的要求" in c002  # "失职\n5、追责": page break joined, number gone
    assert "提升应急科技保障水平" in c002  # "应急科\n44、技保障"
    assert not re.search(r"(^|\n)\d{1,2}、", c002)
    assert "落 实" not in c002 and "全面贯彻落实中共中央" in c002
    assert not re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", c002)
    assert not c002.rstrip().endswith("限制150内")


def test_001_trailer_dropped():
    text = clean(read_seed("001_b0a7b20fc2a42aef.txt"))[0].text
    assert "本文共约字" not in text
    assert text.endswith("聚焦安全生产突出问题和事故")


def test_clean_documents_are_left_alone():
    for name in ("003_ee2fde3bcb9135fe.txt", "004_5cc29d44ee9a572c.txt"):
        raw = read_seed(name)
        p = profile(raw)
        assert not (p.html_shift or p.page_numbers), name
        text = clean(raw)[0].text
        assert LOST not in text
        # clean text keeps every non-space character of the original, in order
        assert re.sub(r"\s", "", text) == re.sub(r"\s", "", raw)


@pytest.mark.parametrize("name", SEEDS)
def test_offset_map_points_at_the_origin(name):
    raw = read_seed(name)
    t, _ = clean(raw)
    assert len(t.starts) == len(t.text) == len(t.ends)
    assert all(t.starts[i] <= t.starts[i + 1] for i in range(len(t.text) - 1))
    for i, ch in enumerate(t.text):
        a, b = int(t.starts[i]), int(t.ends[i])
        src = raw[a:b]
        if src == ch:
            continue
        # a repaired character: its origin is the damaged text it replaced
        assert (ch == LOST and "?" in src or src.endswith("/p>") or src.endswith(";") or ch == "\n" or ch == " "
                or (ch, src) == ("。", "o")), (i, ch, src)  # an OCR'd full stop


def test_002_ocr_full_stop_before_a_heading():
    """"覆盖率达到100%o六、提升综合救援能力水平": the "o" was a "。", and the 六、 heading is restored."""
    t, _ = clean(read_seed("002_3cc3db46b208897f.txt"))
    assert "100%。六、提升综合救援能力水平" in t.text
    i = t.text.index("100%。六、") + 4
    a, b = t.raw_span(i, i + 1)
    assert read_seed("002_3cc3db46b208897f.txt")[a:b] == "o"
