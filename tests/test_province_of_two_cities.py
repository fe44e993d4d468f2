"""A province whose held documents are two of its cities' (南京's regulation, 南通's plan): neither city
speaks for it, so a question about the province alone is one the library cannot answer; naming a city
still asks that city's documents."""
from pathlib import Path

import pytest

from .conftest import library_qa

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def jiangsu_qa(tmp_path_factory, embedder):
    return library_qa(tmp_path_factory, embedder, [
        ROOT / "data" / "plans" / "001_b0a7b20fc2a42aef.txt",
        ROOT / "eval" / "outside" / "unseen28" / "law_南京市森林消防条例(2006-01-26).md", "law_北京市消防条例.md"])


def test_a_province_of_two_held_cities_is_not_held(jiangsu_qa):
    a = jiangsu_qa.ask("江苏省安全生产的目标是什么？").to_dict()
    assert a["refused"] and a["reason"].startswith("库中没有江苏省的文件"), a["answer"]
    assert "南京市" in a["reason"] and "南通市" in a["reason"]


def test_a_city_named_inside_the_province_is_asked(jiangsu_qa):
    a = jiangsu_qa.ask("江苏南通2020年要建立哪些应急协同机制？").to_dict()
    assert not a["refused"] and "南通" in a["citations"][0]["title"] + a["citations"][0]["region"], a["answer"]


def test_compared_beside_a_held_region_its_line_says_it_is_not_held(jiangsu_qa):
    a = jiangsu_qa.ask("北京和江苏对消防车通道各有什么要求？").to_dict()
    assert not a["refused"] and "江苏省：库中没有该地区的文件" in a["answer"], a["answer"]
    assert "北京" in a["answer"].split("江苏省：")[0]
