"""The gazetteer: every Chinese place from the packaged division codes, in the forms people write."""
import pytest

from planqa.gazetteer import canonical, find_places, lookup


@pytest.mark.parametrize("name, full, level", [
    ("宁波", "宁波市", "city"),        # a city the bundled plans never mention
    ("宁波市", "宁波市", "city"),
    ("甬", "宁波市", "city"),          # city nickname
    ("沪", "上海市", "province"),      # provincial abbreviation
    ("崇明", "上海市崇明区", "county"),
    ("上海市崇明区", "上海市崇明区", "county"),
    ("广西", "广西壮族自治区", "province"),
    ("凉山州", "凉山彝族自治州", "city"),  # a prefecture is called by its name and 州
    ("恩施", "恩施土家族苗族自治州", "city"),  # every nation in the name is dropped, not only the last
    ("黔东南州", "黔东南苗族侗族自治州", "city"),
    ("浙江省", "浙江省", "province"),
])
def test_lookup(name, full, level):
    hit = lookup(name)[0]
    assert (hit.full, hit.level) == (full, level)


def test_unknown_names_stay_unknown():
    assert lookup("X市") == [] and canonical("X市") == "X市"
    assert lookup("") == []


@pytest.mark.parametrize("text, expected", [
    ("宁波市2022年要新增多少个规范化避灾安置场所?", ["宁波市"]),
    ("沪今年燃气安全排查由谁牵头", ["上海市"]),
    ("通2020年打算怎么处理", ["南通市"]),
    ("绍兴和南通的目标有什么不同", ["绍兴市", "南通市"]),
    ("按照浙江省安全生产条例", ["浙江省"]),
    ("实现长治久安", []),            # an idiom is not 长治
    ("沿海城市要防台风", []),        # 海城市 does not start at a word
    ("交通运输部门发通知", []),      # 通 inside words is not 南通
    ("新增应急避难场所", []),        # 新 is not 新疆
    ("安责险沪和X市各是怎么推的？", ["上海市"]),  # an alias joined by 和 to a place after it
    ("消防通和绍兴都要抓", ["南通市", "绍兴市"]),
    ("粗鲁和野蛮", []), ("交通和绍兴", ["绍兴市"]),  # …and not inside a word, nor before anything but a place
    # an abbreviation that is also a word counts only where a place plainly stands
    ("川去年汛期提前转移避险了多少人次？", ["四川省"]), ("蒙今年城镇新增就业归哪个厅牵头", ["内蒙古自治区"]),
    ("今年苏和辽的城镇新增就业目标各定了多少？", ["江苏省", "辽宁省"]),
    ("去年川和陕的事故起数各降了多少？", ["四川省", "陕西省"]),
    ("新的一年有什么打算", []), ("青少年安全教育", []), ("云计算平台建设", []), ("宁可多报不可少报", []),
    ("贵在坚持", []), ("川流不息的车辆", []), ("新时代应急管理", []), ("吉林今年", ["吉林省"]),
    # a city's first character, paired with a place, when no other city starts with it (金: 金华, 金昌)
    ("巨灾保险这块，沪和绍2022年各打算咋推进？", ["上海市", "绍兴市"]), ("绍和沪今年", ["绍兴市", "上海市"]),
    ("沪和金那年", ["上海市"]), ("人和湖泊", []), ("上海和温度", ["上海市"]),
])
def test_find_places_in_questions(text, expected):
    assert [m.place.full for m in find_places(text, abbreviations=True, county_short=True)] == expected


def test_county_short_names_only_on_request():
    # 惠民 (a county) is also "benefiting the people"; only a question's reader asks for short county names
    assert find_places("实施惠民工程") == []
    assert [m.place.full for m in find_places("崇明的规划", county_short=True)] == ["上海市崇明区"]


def test_report_names_its_province():

    from tests.conftest import LIBRARY as lib

    f = lib / "report_2026_山东省_政府工作报告.txt"
    if not f.exists():
        pytest.skip("the development library is not beside the project")
    head = f.read_text(encoding="utf-8")[:400]
    assert "山东省" in [m.place.full for m in find_places(head)]
