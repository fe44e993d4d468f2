"""One table of cases per rule of planqa/rules.py: each rule holds on plans, laws and reports alike."""
import re

import pytest

from planqa import rules as R
from rag.evidence import has_figure, split_sentences, strip_marker
from rag.extractive import asked_unit, defines, named_thing
from rag.query import classify, document_year, named_instruments


@pytest.mark.parametrize("text, rank", [
    ("第三章 保障措施", 0), ("第二节 应对措施", 1), ("三、重点工作", 2), ("（二）强化风险防控", 3), ("(二)强化", 3),
    ("12.推进执法改革", 4), ("1、加强", 4), ("二是规范事故调查", 5), ("③落实调用机制", 6), ("1.5倍", None),
])
def test_heading_markers(text, rank):
    hit = next((r for r, _k, rx in R.HEADING_MARKERS if rx.match(text)), None)
    assert hit == rank


@pytest.mark.parametrize("text, stripped", [
    ("10.培育各类应急救援队伍", "培育各类应急救援队伍"), ("(三)严防风险", "严防风险"), ("一是健全机制", "健全机制"),
    ("①健全应急预警体系", "健全应急预警体系"), ("第三章总则", "总则"), ("加强执法", "加强执法"),
])
def test_heading_prefix(text, stripped):
    assert strip_marker(text) == stripped


@pytest.mark.parametrize("text, is_item", [
    ("①健全应急预警体系", True), ("一是着力健全三大体系", True), ("（一）从业人员三百人以上的", True),
    ("加强执法", False), ("1.推进", False),
])
def test_enum_item(text, is_item):
    assert bool(R.ENUM_ITEM.match(text)) == is_item


@pytest.mark.parametrize("text, figure", [
    ("新增规范化避灾安置场所150个", True), ("乡镇综合队伍二十支", True), ("到2025年建成体系", False),
    ("2019—2021三年平均值", False), ("10.推进执法改革", False), ("6月底前完成", False),
    ("地区生产总值增长5%以上", True),
    # a lone 一 and its classifier is the indefinite article (a plan, a report, a law)
    ("现代化水平提高到一个新的层次", False), ("打造一支专常兼备的应急救援队伍", False),
    ("这是一项长期任务", False), ("各重点领域建设至少一支市级专业救援队伍", True), ("设立十一个专项工作组", True),
    ("每一个生产经营单位", False),
    ("实现第一个阶段性目标", False),
    ("在检验合格有效期届满前一个月提出定期检验要求", True),  # a law's span of one month
])
def test_figure_is_not_a_year_date_or_item_number(text, figure):
    assert has_figure(text) == figure


@pytest.mark.parametrize("question, unit", [
    ("资金总投入是多少亿元?", "亿元"), ("要培训几名", "名"), ("新增多少个", ""), ("罚款多少元", "元"),
    ("办许可证要交多少手续费？", "元"), ("要花多少费心", ""),  # a 费 is money; 费心 is not
    # a quantity named, or asked by its size, is measured in its own units
    ("电动自行车的最高时速是多少？", "速度"), ("团雾天最高能开多快？", "速度"), ("隔离带宽度至少多少？", "长度"),
    ("储存仓库离居民区要隔多远？", "长度"), ("避难场所面积要多大？", "面积"), ("今年新增多少个避难场所", ""),
    # an award is an amount, a share or a multiple
    ("举报人能拿多少奖励？", "奖补"), ("房屋冲毁了补偿多少？", "奖补"),
    # kinds counted by 多少种 (not 几种颜色: the colours listed answer that)
    ("法定职业病一共有多少种？", "种"), ("分几种颜色", ""), ("有哪几种", ""),
])
def test_asked_unit(question, unit):
    assert asked_unit(question) == unit


@pytest.mark.parametrize("unit, text, answers", [
    ("速度", "最高时速不得超过15公里", True), ("速度", "载物高度从地面起不得超过1.5米", False),
    ("长度", "距离居民区不少于50米", True), ("面积", "人均有效避难面积不少于1.5平方米", True),
])
def test_a_measure_is_answered_in_its_units(unit, text, answers):
    form = R.SAME_UNIT[unit]
    assert bool(re.search(rf"[\d一二三四五六七八九十百千万.]\s*[余多]?\s*{form}", text)) == answers


@pytest.mark.parametrize("question, kind", [
    ("2022年燃气安全排查整治由谁牵头?", R.Kind.LEAD), ("绍兴今年要新增多少避灾安置场所?", R.Kind.NUMBER),
    ("发预警短信要跟哪几家运营商对接?", R.Kind.LIST), ("绍兴和南通的目标有何不同?", R.Kind.COMPARE),
    ("安全生产许可证条例第九条是怎么规定的?", R.Kind.SECTION), ("这份要点分哪几个方面?", R.Kind.OUTLINE),
    ("事故统计何时上报?", R.Kind.DEADLINE), ("山东今年经济怎么样", R.Kind.FACT),
    ("重庆的森林防火期是每年哪几个时段？", R.Kind.DEADLINE),  # periods are asked by their dates
    # a section asked in speech: a law's article, a report's part, a plan's item
    ("2007年版突发事件应对法第八十条怎么说", R.Kind.SECTION), ("政府工作报告第三部分咋写的", R.Kind.SECTION),
    ("(二)里怎么讲的", R.Kind.SECTION),
    # who answers for it or decides, as said: a law's 负总责 / 负全面责任, a plan's 由谁定
    ("核安全法里到底谁负总责？", R.Kind.LEAD), ("核电厂要进入场外应急状态，谁说了算？", R.Kind.LEAD),
    ("施工现场出了事故谁担责", R.Kind.LEAD),
    # spoken forms of 牵头 ask who leads; 带头 of what the cadres do is a topic
    ("应急这一摊子事是哪家单位带头总抓的？", R.Kind.LEAD), ("谁挑头搞风险普查?", R.Kind.LEAD),
    ("领导干部要带头做什么?", R.Kind.FACT),
    # classifiers of persons and things count too (几位专家, 几件实事)
    ("评审时专家至少要请几位？", R.Kind.NUMBER), ("今年打算办几件民生实事？", R.Kind.NUMBER),
    # the members of a counted set, asked one by one: a list, not a compare or a count
    ("减灾办那年要落实的几项机制分别是啥？", R.Kind.LIST), ("三项制度都是什么", R.Kind.LIST),
    ("南通和X市分别有几项", R.Kind.COMPARE),
    # a clock time asked: 几点 with a bound ("哪几点要求" is a list of points)
    ("高温红色预警期间户外作业每天几点到几点停工？", R.Kind.DEADLINE),
    ("春节每天几点钟以后禁止燃放？", R.Kind.DEADLINE),
    ("安全检查有哪几点要求？", R.Kind.LIST),
])
def test_kind_patterns(question, kind):
    assert classify(question) == kind


@pytest.mark.parametrize("question, year", [
    ("2022年燃气安全由谁牵头", 2022), ("崇明到2025年要建成什么", None), ("2025年底前完成什么", None),
    ("上海2022年到2025年要", 2022), ("山东2026年政府工作报告", 2026),
])
def test_target_years_are_not_document_years(question, year):
    assert document_year(question) == year


@pytest.mark.parametrize("question, name", [
    ("绍兴的“三场所三企业”具体指哪些?", "三场所三企业"), ("上海的“六停”具体指什么?", "六停"),
    ("X市“1234”专项行动的四项执法行动是哪些?", "四项执法行动"),  # asked; the plan lists them (not partial)
    ("崇明区“十四五”规划的重点工程项目有哪些?", ""), ("绍兴说的七张问题清单 具体是哪七张", "七张问题清单"),
    # unquoted: the name ends where the question of what it covers begins
    ("X市那13个专委会具体是哪13个？", "13个专委会"), ("上海说的六停，具体停哪几样？", "六停"),
    ("那五个办都是哪些", "五个办"), ("十四五期间有哪些目标", ""),
    # after the head noun the name qualifies, and 到底 as 具体
    ("X市说的“三位一体”专项执法，到底是哪三样搁一块儿？", "三位一体"), ("“双随机”检查，由谁牵头？", ""),
])
def test_named_thing_asked_to_be_defined(question, name):
    assert named_thing(question) == name


@pytest.mark.parametrize("sentence, thing, defined", [
    ("制订极端天气“六停(停工、停业、停课)细则", "六停", True),
    ("引导工贸行业及三场所三企业等领域参与投保", "三场所三企业", False),
    ("着力排查燃气经营、餐饮等公共场所、老旧小区等5个领域", "5个领域", True),
    ("三大体系，即预警、指挥、救援体系", "三大体系", True),
])
def test_definitions(sentence, thing, defined):
    assert defines(sentence, thing) == defined


@pytest.mark.parametrize("question, names", [
    ("按安全生产法，生产经营单位的主要负责人有哪些职责?", ["安全生产法"]),
    ("浙江省安全生产条例里对管理人员怎么规定", ["浙江省安全生产条例"]),
    ("《防洪法》第二十条", ["防洪法"]),
    ("南通要出台什么应急救援队伍管理办法?", []),  # 办法 is not 法
    ("依法查处违法行为", []),
    ("生产安全事故应急条例规定应急预案多久演练一次？", ["生产安全事故应急条例"]),  # 安全事故: tagged an idiom
    ("碰上迟报、瞒报事故的，咋个处理法？", []), ("超载了怎么个罚法", []),  # the manner of a verb, not a law
])
def test_law_names_in_questions(question, names):
    assert named_instruments(question) == names


@pytest.mark.parametrize("text, n", [
    ("加强执法检查工作。开展专项整治行动；落实属地责任", 3),
    ("(三)严防风险。加强对重点行业领域的监测预警和隐患排查治理工作。", 1),  # a short heading joins its sentence
    ("①健全应急预警体系，强化灾害研判、会商和预警预报信息发布工作②健全信息化支撑的应急指挥体系，加强部门信息对接", 2),
])
def test_sentence_split(text, n):
    assert len(split_sentences(text)) == n


def test_draft_reference_and_compare_cues():
    assert R.DRAFT_REFERENCE.search("起草防汛防台一节应参考哪些文件章节?")
    assert not R.DRAFT_REFERENCE.search("防汛防台由谁牵头?")
    assert R.COMPARE_CUE.search("绍兴和宁波")


def test_weights_parse_and_reject():
    w = R.Weights.parse("support=0.45, floor_ratio=0.7")
    assert (w.support, w.floor_ratio, w.predicate) == (0.45, 0.7, R.Weights().predicate)
    with pytest.raises(ValueError, match="未知的权重"):
        R.Weights.parse("suport=0.4")
    with pytest.raises(ValueError, match="必须是数字"):
        R.Weights.parse("support=abc")


def test_weights_change_answers(seed_index):
    from rag.qa import QA

    q = "绍兴要求乡镇街道综合应急预案的编制比例是多少?"
    assert not QA(seed_index, use_llm=False).ask(q).refused
    assert QA(seed_index, use_llm=False, weights=R.Weights(support=0.99)).ask(q).refused


@pytest.mark.parametrize("text, figure", [
    ("每个矿井必须有两个以上能行人的安全出口", True),  # a law, Chinese numerals
    ("投入使用后三十日内办理使用登记", True), ("处五万元以上十万元以下的罚款", True),
    ("配备不低于从业人员百分之二的专职安全生产管理人员", True),
    ("建成一批应急避难场所", False), ("三是强化事故后的规范管理", False),  # a plan's item marker
    # rounds, pieces and craft are counted too (哈尔滨市人工影响天气管理条例 第十七条)
    ("每门高射炮炮弹不得超过二百发", True), ("火箭弹不得超过五十枚", True), ("突发事件发生后", False),
    ("预警信号由气象台站统一发布", False),
])
def test_chinese_numeral_figures(text, figure):
    assert has_figure(text) == figure


@pytest.mark.parametrize("question, kind", [
    ("使用登记要在多长时间内办?", R.Kind.NUMBER), ("安全生产许可证有效期多久?", R.Kind.NUMBER),
    ("事故统计何时上报?", R.Kind.DEADLINE),
])
def test_durations_are_figures(question, kind):
    assert classify(question) == kind


@pytest.mark.parametrize("question, parts", [
    ("地质灾害危险区由谁划定？危险区里禁止干什么？", 2),  # a regulation
    ("广东今年经济增速目标是多少？财政收入呢？", 1),  # the second clause asks nothing by itself
    ("绍兴今年要新增多少避灾安置场所?", 1), ("南通2020年的工作要点分几个部分？各部分讲什么？", 2),
    # a clause that only names where to look ("…条例怎么说的") asks nothing of its own: a law, a plan
    ("救灾款物能不能挪作他用？自然灾害救助条例怎么说的", 1), ("燃气整治谁牵头？上海2022年工作要点里怎么写的", 1),
    ("事故要多久内报告？消防法第六十一条怎么规定的", 2),  # an article is a thing asked about
])
def test_question_parts(question, parts):
    from rag.query import question_parts

    assert len(question_parts(question)) == parts


@pytest.mark.parametrize("short, text, contracted", [
    ("人防", "侵占人民防空工程的", True), ("危化", "危险化学品的生产", True),
    ("虫害", "因防治病虫鼠害确需野外用火", True),
    ("燃气", "加强城镇燃气安全", True), ("燃气", "燃放烟花爆竹", False), ("公司", "物业服务企业", False),
    ("防汛防台", "防汛", False),  # longer than a contraction of that text
])
def test_contractions(short, text, contracted):
    from rag.evidence import contracted_in

    assert contracted_in(short, text) == contracted


@pytest.mark.parametrize("sentence, body", [
    ("第十九条 对出现地质灾害前兆的区域，县级人民政府应当及时划定为地质灾害危险区", "县级人民政府"),  # a law
    ("汛期、紧急防汛期的进入和解除日期，由市防汛指挥机构公告。", "市防汛指挥机构"),  # a city regulation
    ("由省应急管理厅牵头开展专项整治", "省应急管理厅"),  # a plan
    ("防空警报试鸣由市和区民防办具体实施，电力、电信部门…应当予以保障", "市和区民防办"),  # a regulation
])
def test_who_a_sentence_names(sentence, body):
    m = R.LEAD_BY.search(sentence) or R.SUBJECT_BEFORE_DUTY.search(sentence)
    assert m and m.group(1) == body


@pytest.mark.parametrize("sentence, body", [
    ("6.市安委办抓好督促落实。", "市安委办"),  # a plan item whose subject is an office of a committee
    ("区政府办公室负责汇总", "区政府办公室"), ("市应急局牵头", "市应急局"),
    ("（三）山洪预警由水行政主管部门发布；", None),  # a law's item: the body comes after 由, no subject
    ("地质灾害预警向自然资源主管部门报告", None),
    # a body before 的 owns the topic, it is not the subject: the task goes to the body after 由
    ("海上搜救中心的日常工作由海事管理机构负责；", None), ("市安委会办公室的统筹作用", None),
    ("市安委会办公室牵头", "市安委会办公室"),
])
def test_a_sentences_own_subject(sentence, body):
    m = R.LEAD_SUBJECT.match(sentence)
    assert (m.group(1) if m else None) == body


@pytest.mark.parametrize("sentence, body", [
    ("前款规定以外的单位购买剧毒化学品的，应当向所在地县级人民政府公安机关申请取得许可证",
     "县级人民政府公安机关"),
    ("事故发生单位应当立即向事故发生地县级以上人民政府应急管理部门报告",
     "事故发生地县级以上人民政府应急管理部门"),  # a report goes there
    ("企业应当向区应急管理局备案", "区应急管理局"),  # a plan's or a city rule's filing
    ("向社会公布举报电话", None),  # the public is not a body one applies to
])
def test_the_body_an_application_goes_to(sentence, body):
    m = R.LEAD_TO.search(sentence)
    assert (m.group(1) if m else None) == body


@pytest.mark.parametrize("sentence, named", [
    ("第十九条 对出现地质灾害前兆的区域，县级人民政府应当及时划定为地质灾害危险区", True),  # a law
    ("汛期、紧急防汛期的进入和解除日期，由市防汛指挥机构公告。", True),  # a city regulation
    ("6.市安委办抓好督促落实。", True),  # a plan
    ("5.按照“零事故”目标追求，开展“1234”专项行动。", False),  # a plan's item in its bureau's voice
    ("持续加强林火防治，深入开展森林火灾重大隐患动态清零。", False),  # a report
])
def test_a_sentence_names_who_acts(sentence, named):
    from rag.evidence import names_agent

    assert names_agent(sentence) == named


@pytest.mark.parametrize("text, provisions, n", [
    # a law's provision: the penalty after the 分号 is the same sentence
    ("未按规定组织应急救援演练的，责令限期改正；逾期不改正的，可处以一千元以上一万元以下罚款。", True, 1),
    ("持续加强林火防治；深入开展森林火灾重大隐患动态清零。", False, 2),  # a report's or plan's measures
    ("本省黄河汛期包括伏秋汛期和凌汛期。伏秋汛期为每年的7月1日至10月31日。", True, 2),
])
def test_provisions_run_to_the_full_stop(text, provisions, n):
    assert len(split_sentences(text, provisions=provisions)) == n


@pytest.mark.parametrize("question, texts, word", [
    ("黄河凌汛期是什么时候", "凌汛期为每年的12月1日至次年的2月底。", "凌汛期"),  # a regulation
    ("黄河凌汛期是什么时候", "伏秋汛期为每年的7月1日至10月31日。", None),  # the documents do not write it
    ("的尾矿库要闭库", "完成兰亭尾矿库专家会诊", None),  # jieba knows 尾矿库: nothing to rejoin
    # two lone characters (jieba: 高 / 危) the law writes together (高危行业) are one word
    ("高危单位的应急预案多久演练一次", "高危行业、较大危险行业的生产经营单位，应当每半年至少组织一次", "高危"),
    ("高危单位的应急预案多久演练一次", "生产经营单位应当每年至少组织一次演练", None),
])
def test_words_jieba_lacks_are_rejoined_where_the_documents_write_them(question, texts, word):
    import jieba.posseg as pseg

    from ingest.lexical import _tokenizer
    from rag.evidence import _rejoin

    _tokenizer()
    words = [(w.word, w.flag) for w in pseg.cut(question)]
    joined = [w for w, _ in _rejoin(words, texts) if w not in {w0 for w0, _ in words}]
    assert joined == ([word] if word else [])


@pytest.mark.parametrize("sentence, body", [
    ("充分发挥区应急管理事务中心的牵头抓总作用", "区应急管理事务中心"),  # a district plan
    ("发挥市安委会统筹协调作用", "市安委会"),
    ("发挥好社会力量的补充作用", None),  # not a body
])
def test_the_body_whose_role_is_named(sentence, body):
    m = R.LEAD_ROLE.search(sentence)
    assert (m.group(1) if m else None) == body


@pytest.mark.parametrize("question, kind", [
    ("那两座尾矿库闭库定在啥时候?", R.Kind.DEADLINE), ("安法里生产经营单位要干啥?", R.Kind.FACT),
    ("去年GDP涨了多大?", R.Kind.NUMBER), ("广东今年要搞啥重点工作?", R.Kind.FACT),
])
def test_spoken_question_words_ask_what_written_ones_ask(question, kind):
    assert classify(question) == kind


@pytest.mark.parametrize("question, version", [
    ("突发事件应对法2007年版怎么规定的?", True), ("北京市安全生产条例修订前怎么规定?", True),
    ("《森林防火条例》第三条", True),  # a law in 《》
    ("X市2023年要修订多少个预案?", False), ("2026年要修改哪些地方标准?", False),  # a plan's tasks
])
def test_version_words_sit_beside_a_year_or_a_law(question, version):
    assert bool(R.VERSION_WORDS.search(question)) == version


@pytest.mark.parametrize("question, kind", [
    ("这份要点分哪几个方面?", R.Kind.OUTLINE), ("崇明区应急管理“十四五”规划包括哪几章?", R.Kind.OUTLINE),
    ("南通2020年工作要点中,政企应急协同要在哪四个方面下功夫?", R.Kind.LIST),  # a topic's parts
])
def test_an_outline_divides_the_document_not_a_topic(question, kind):
    assert classify(question) == kind


@pytest.mark.parametrize("question, refs", [
    ("上海2022年工作要点第三部分的(三)里讲了什么?", ["第三部分", "(三)"]),
    ("南通2020年要点第五部分里的“三是”讲了什么?", ["第五部分", "三是"]),
    ("安全生产许可证条例第九条是怎么规定的?", ["第九条"]),
    ("这三是什么意思", []),  # 三 inside a phrase is no item reference
])
def test_section_references(question, refs):
    assert [m.group(0) for m in R.SECTION_REF.finditer(question)] == refs


@pytest.mark.parametrize("ref, part, named", [
    ("第三部分", "三、扎实推进基础建设", True), ("第三部分", "第三部分重点任务", True),
    ("第三部分", "二、全力推进", False),
])
def test_a_numbered_part_names_the_top_section(ref, part, named):
    from rag.sections import names_part

    assert names_part(ref, part) == named


@pytest.mark.parametrize("text, figure", [
    ("存档期限不得少于一年", True), ("在试鸣的五日以前发布公告", True),  # laws
    ("一年来，我们坚持稳中求进", False), ("实施安全生产治本攻坚三年行动", False),  # a period, not a duration
])
def test_years_and_days_in_chinese_numerals_are_figures(text, figure):
    assert has_figure(text) == figure


@pytest.mark.parametrize("question, sentence, passes", [
    ("几天之内要报公安机关备案?", "购买后5日内报所在地公安机关备案", True),  # 天 is answered by 日
    ("要提前几天发布公告?", "在试鸣的五日以前发布公告", True),
    ("罚款多少元?", "处5日以下拘留", False),
])
def test_a_unit_is_answered_by_the_same_quantity(question, sentence, passes):
    import re

    unit = asked_unit(question)
    form = R.SAME_UNIT.get(unit, re.escape(unit))
    assert bool(re.search(rf"[\d一二三四五六七八九十百千万.]\s*{form}", sentence)) == passes


@pytest.mark.parametrize("text, year", [
    ("上海应急局22年说要建个重点实验室", "2022"), ("沪和绍兴22年,风险普查搞完要出哪些图", "2022"),
    ("安全生产许可证有效期10年吗", None), ("近15年来", None), ("第22年", None), ("保存20年以上", None),
    ("山东25年GDP增长多少", "2025"),  # a report's year, said short
])
def test_spoken_two_digit_years(text, year):
    m = R.SHORT_YEAR.search(text)
    assert (f"20{m.group(1)}" if m else None) == year


@pytest.mark.parametrize("text, imposes", [
    ("对个人并处两百元以上两千元以下罚款", True), ("责令停产停业整顿", True), ("吊销安全生产许可证", True),  # laws
    ("违反本条例第二十四条规定的", False), ("深入开展查处违规用火行为专项行动", False),  # a report's measure
])
def test_penalty_sentences(text, imposes):
    assert bool(R.PENALTY_SENTENCE.search(text)) == imposes


@pytest.mark.parametrize("question, texts, term, absent", [
    # a law: jieba cuts 防洪区分 as 防洪 / 区分; the law writes 防洪区
    ("防洪区分哪几类", "第二十九条 防洪区是指洪水泛滥可能淹及的地区，分为洪泛区、蓄滞洪区。", "防洪区", "区分"),
    # a plan: 做好安全保障 does not make 做好安 a word
    ("要做好安保的大活动有哪些", "做好第五届进博会等重大活动安全保障", "做好", "做好安"),
    # what the shift leaves must be in the text too: 专职安 / 全员 is no reading of 专职安全员
    ("员工多少人要配专职安全员", "应当配备专职安全生产管理人员", "专职", "全员"),
])
def test_a_word_cut_across_a_boundary_is_recut_as_the_text_writes_it(question, texts, term, absent):
    from rag.evidence import query_terms

    terms = query_terms(question, lambda w: 5.0, texts=texts).terms
    assert term in terms and absent not in terms


@pytest.mark.parametrize("after, opens", [
    ("一是制定一个总体方案。二是健全两项工作制度。", True),  # a plan spells out its action
    ("（一）营业执照或者法人证书的复印件；（二）拟购买的剧毒化学品品种、数量的说明；", True),  # a law's 项
    ("①开展生产安全事故“回头看”检查。", True),  # a plan's sub-items
    ("三是开展三项专项工作。", False),  # the middle of a run belongs to the run, not to the sentence before
    ("持续加强林火防治。", False),  # a report's next measure
])
def test_a_run_that_starts_after_a_sentence_spells_it_out(after, opens):
    assert bool(R.FIRST_ITEM.match(after)) == opens


@pytest.mark.parametrize("question, duration", [
    ("最晚多长时间内要报给县级卫生行政部门？", True),  # a law's deadline
    ("网格员多久巡查一次?", True),  # a plan's frequency
    ("要提前多久申请定期检验", True),
    ("今年GDP增长目标是多少?", False),  # a report's figure
    ("新增多少个避灾安置场所?", False),
])
def test_a_span_of_time_is_asked(question, duration):
    assert bool(R.ASKED_DURATION.search(question)) == duration


@pytest.mark.parametrize("text, span", [
    ("应当在2小时内向所在地县级人民政府卫生行政主管部门报告", True),  # a law
    ("企业应当于期满前3个月向原发证机关办理延期手续", True),
    ("使用登记应当在投入使用后三十日内办理", True),
    ("网格员每两个月巡查一次，重点企业每季度巡查", True),  # a plan's frequencies
    ("接到调度指令后三分钟内派出急救车辆", True),  # minutes: a span too
    ("努力实现“5 分钟救援半径”的布局目标", True),
    ("新增规范化避灾安置场所150个", False),  # a count
    ("2026年地区生产总值增长5%左右", False),  # a report's target: a year is no span
    ("学校、幼儿园…每学年至少组织一次紧急避险和疏散逃生演练", True),  # per school year
    ("粉尘作业区域应当保证每班清理", True),  # per shift
    ("每班级配备一名安全员", False),  # a class of pupils is no span of time
])
def test_a_span_of_time_or_a_frequency_is_given(text, span):
    assert bool(R.TIME_SPAN.search(R.YEAR_OR_DATE.sub("", text))) == span


@pytest.mark.parametrize("question, unit", [
    ("上海市民防条例规定的民防工程建设费每平方米收多少钱？", "平方米"),  # a city regulation
    ("每人每年补助多少元?", "人"),
    ("绍兴今年要新增多少避灾安置场所?", None),  # a plan's count
])
def test_a_rate_is_asked(question, unit):
    m = R.ASKED_RATE.search(question)
    assert (m.group(1) if m else None) == unit


@pytest.mark.parametrize("text, cited", [
    ("违反本条例第二十四条规定，未建立应急救援组织的，责令限期改正", ["二十四"]),  # a regulation's penalty
    ("发现有本条例第十九条规定情形之一的，应当在2小时内报告", ["十九"]),
    ("依照本法第一百一十三条的规定予以关闭", ["一百一十三"]),  # a national law
    ("按照《安全生产法》第二十一条要求，落实主要负责人职责", []),  # a plan citing another law: not its own
])
def test_a_law_cites_its_own_articles_by_number(text, cited):
    assert R.OWN_ARTICLE_REF.findall(text) == cited


@pytest.mark.parametrize("text, lead_in", [
    ("第四十九条 有下列行为之一的，由县级以上人民政府人民防空主管部门对当事人给予警告", True),  # a national law
    ("违反本条例规定，有下列行为之一的，由县级以上地方人民政府林业主管部门责令改正", True),  # a regulation
    ("生产经营单位有下列情形之一的，责令限期改正", True),
    ("重点做好以下工作：", False),  # a plan's list is not a provision's scope
    ("主要目标包括下列几个方面", False),
])
def test_a_provision_whose_scope_is_its_items(text, lead_in):
    assert bool(R.LIST_LEAD_IN.search(text)) == lead_in


@pytest.mark.parametrize("question, named", [
    ("烟台和青岛的森林防火条例规定的高火险期有何不同", "烟台森林防火条例和青岛森林防火条例"),  # two cities' rules
    ("浙江省和北京市安全生产条例有何不同", "浙江省安全生产条例和北京市安全生产条例"),  # two provinces'
    # two reports are compared by their regions (each region's report), not by a shared title
    ("上海和北京的政府工作报告里失业率目标一样吗", None),
    ("绍兴和南通今年的重点任务有何不同", None),  # no shared title: places compared, not documents
])
def test_places_joined_before_a_title_each_name_a_document(question, named):
    from rag.query import distribute_places

    out = distribute_places(question)
    assert (named in out) if named else out == question


@pytest.mark.parametrize("question, kind", [
    ("烟台和青岛的森林高火险期有什么不同？", "deadline"),  # a regulation's period
    ("两地的汛期有何不同", "deadline"),
    ("两市“十四五”时期的主要任务有何不同", "list"),  # 时期 is an era, not a dated period
    ("两地的应急预案有什么不同", "list"),
])
def test_a_period_compared_is_compared_by_its_dates(question, kind):
    from rag.query import inner_kind

    assert inner_kind(question) == kind


def test_a_lone_character_joins_the_word_it_is_written_with():
    """"森林 高 火险期" in a text that writes 森林高火险区 and 高火险期: 高 belongs to 高火险期."""
    from rag.evidence import _rejoin

    words = [("森林", "n"), ("高", "a"), ("火险期", "n")]
    assert _rejoin(words, "其中二月一日至五月十日为高火险期。划定森林高火险区") == [("森林", "n"), ("高火险期", "n")]
    assert _rejoin([("凌", "n"), ("汛期", "t")], "凌汛期为每年的") == [("凌汛期", "n")]  # the rule it refines


@pytest.mark.parametrize("question, texts, sentence, covered", [
    # a law writes the phrase a question contracts: 虫害 ← 病虫鼠害
    ("为了治虫害需要野外点火谁批准", "因防治病虫鼠害确需野外用火的，应当经县级人民政府批准。",
     "因防治病虫鼠害确需野外用火的，应当经县级人民政府批准。", True),
    # a plan: 安保 ← 安全保障
    ("要做好安保的大活动有哪些", "做好第五届进博会等重要时段安全保障。", "做好第五届进博会等重要时段安全保障。", True),
    # a word the passages do write is matched as written only: 防火 is not 防止失火
    ("森林防火有什么要求", "加强森林防火。严防失火。", "严防止失火。", False),
])
def test_a_contraction_the_passages_spell_out_counts_as_said(question, texts, sentence, covered):
    from rag.evidence import query_terms

    qt = query_terms(question, lambda w: 5.0, texts=texts)
    term = next(t for t in ("虫害", "安保", "防火") if t in qt.terms)
    assert qt.present(term, sentence) == covered


def test_an_adverb_is_how_not_what():
    from rag.evidence import query_terms

    terms = query_terms("确实需要野外用火的，要及时向谁报告", lambda w: 5.0).terms
    assert "确实" not in terms and "野外" in terms


@pytest.mark.parametrize("question, rare, anchor", [
    # a law: 产生 (everyday) is never the topic; 部队 is
    ("部队来帮地方政府抢险救灾，产生的费用由谁出？", {"产生": 5.0, "部队": 4.0}, "部队"),
    # a city rule: 公司 is everyday Chinese; 客运 is the topic
    ("宁波跑客运的车能挂靠在别的公司名下经营吗？", {"公司": 5.0, "客运": 4.0}, "客运"),
    # a plan: a specific noun stays the topic when it is the rarest
    ("南通今年要新建多少个微型消防站？", {"新建": 2.0, "消防站": 5.0}, "消防站"),
    # a domain word jieba is given a high frequency to keep whole is no everyday word
    ("X市2022年工作计划中关于森林防灭火有哪些要求?", {"森林防灭火": 5.0}, "森林防灭火"),
])
def test_an_everyday_word_is_not_the_topic_a_question_turns_on(question, rare, anchor):
    from rag.evidence import query_terms

    qt = query_terms(question, lambda w: {**rare, "\x00": 9.0}.get(w, 1.0), drop=["南通", "宁波", "X市"])
    assert qt.anchor == anchor


@pytest.mark.parametrize("question, sentence, term", [
    ("哪些地方不准放鞭炮？", "禁止在下列地点燃放烟花爆竹：", "放鞭炮"),  # a national regulation
    ("能不能把电动车推进电梯里？", "禁止携带电动自行车进入电梯轿厢。", "电动车"),  # a province's rules
    ("物业公司在消防方面要负哪些责任", "住宅区的物业服务企业应当履行下列消防安全责任：", "物业公司"),  # a city's
    ("员工培训要多少学时", "新上岗的从业人员安全培训时间不得少于24学时。", "员工"),
    # this round's: a law (耕地, 团雾), a plan (官司, 摸底, 规矩) and a report's wording (联手)
    ("耕地被污染了谁来认定责任人", "农用地土壤污染责任人不明确或者存在争议的，由…认定。", "耕地"),
    ("高速上遇到团雾能开多快", "遇雾、雨、雪、沙尘、冰雹，能见度在50米以内时；", "团雾"),
    ("打公益官司跟谁合作", "积极构建安全生产公益诉讼领域与人民检察院的协作机制", "官司"),
    ("摸底自然灾害风险的大普查谁来组织", "扎实开展自然灾害综合风险普查工作", "摸底"),
    ("处置事故要守哪几条基本规矩", "严格遵循“快速隔离,科学处置,有效沟通,平稳善后”四个基本原则", "规矩"),
    ("政府跟企业怎么联手", "建立区域联动、政企协同的应急机制", "联手"),
    # and the last round's: a plan (晚报), a provincial rule (物业公司 → 物业服务单位)
    ("事故晚报了怎么处理", "对迟报、瞒报和影响大的典型事故,依法实行提级调查", "晚报"),
    ("委托物业公司管的电梯谁负责", "委托物业服务单位或者其他单位管理的，受委托方为电梯运营使用单位", "物业公司"),
])
def test_an_everyday_word_is_found_as_the_statute_writes_it(question, sentence, term):
    from rag.evidence import query_terms

    qt = query_terms(question, lambda w: 5.0)
    assert term in qt.terms and qt.present(term, sentence)


def test_an_everyday_word_weighs_what_the_statutory_word_weighs():
    from rag.evidence import query_terms

    idf = {"一把手": 9.6, "主要": 1.0, "负责人": 2.0, "负责": 2.0, "责人": 2.0, "研究": 3.5, "\x00": 9.6}
    qt = query_terms("企业一把手多久要研究一次安全生产工作", lambda w: idf.get(w, 2.0))
    assert qt.terms["一把手"] <= 2.0 < qt.terms["研究"]


@pytest.mark.parametrize("text, item, lead_in", [
    # a city rule: item (八) of a duties list means the lead-in's duties
    ("第五条 生产经营单位主要负责人应当履行下列职责：\n\n（一）建立健全责任制；\n\n（八）每月至少组织研究一次；",
     "（八）", "第五条 生产经营单位主要负责人应当履行下列职责："),
    # a national regulation: a fines list
    ("第三十七条 对事故发生单位处以罚款：\n\n（三）发生重大事故的，处500万元以上1000万元以下的罚款；", "（三）",
     "第三十七条 对事故发生单位处以罚款："),
    ("（二）加强应急救援队伍建设。", "（二）", ""),  # a plan's heading has no lead-in
])
def test_an_item_is_read_with_its_lead_in(text, item, lead_in):
    from rag.evidence import lead_in as _lead_in

    assert _lead_in(text, text.index(item)) == lead_in


def test_a_word_between_a_modal_and_its_verb_is_no_topic():
    from rag.evidence import query_terms

    idf = {"专门": 6.0, "研究": 3.0, "\x00": 9.0}
    qt = query_terms("企业主要负责人多久要专门研究一次安全生产工作", lambda w: idf.get(w, 2.0))
    assert "专门" in qt.terms and qt.anchor != "专门"


@pytest.mark.parametrize("question, kind", [
    ("崇明这个规划落实得咋样,归谁盯着评估?", "lead"),  # a plan, spoken
    ("单位想买剧毒化学品，购买许可证要找哪个部门办？", "lead"),  # a regulation
    ("林区野外用火归哪个部门管？", "lead"),
    ("绍兴今年要新增多少避灾安置场所?", "number"),
])
def test_spoken_ways_of_asking_who(question, kind):
    assert classify(question) == kind


@pytest.mark.parametrize("question, sentence", [
    ("崇明跟启东海门那边搞的消防联动机制叫啥?", "建立“崇启海”区域指挥调度和协同联动机制"),  # a district's plan
    ("北京、天津、河北的协同发展有什么部署", "深入推进京津冀协同发展"),  # a report
])
def test_places_named_together_are_the_name_of_their_first_characters(question, sentence):
    from rag.evidence import query_terms

    qt = query_terms(question, lambda w: 5.0, texts=sentence)
    places = [t for t in ("启东", "海门", "天津", "河北") if t in qt.terms]
    assert places and all(qt.present(t, sentence) for t in places)


@pytest.mark.parametrize("question, unit", [
    ("宁夏的报告说安全生产治本攻坚投入了多少资金？", "元"),  # a report
    ("崇明十四五期间应急管理一共要投入多少资金？", "元"),  # a plan
    ("按条例，补助标准是多少钱？", "元"),  # a regulation
    ("绍兴今年要新增多少避灾安置场所?", ""),  # a count
    ("多长时间内要上报？", "时长"),
])
def test_the_kind_of_figure_asked_for(question, unit):
    assert asked_unit(question) == unit


@pytest.mark.parametrize("text, money", [
    ("投入安全生产资金100多亿元", True), ("处5万元以上10万元以下的罚款", True), ("罚款二千元", True),
    ("构建四个维度的预算绩效管理体系", False),
])
def test_a_figure_in_money(text, money):
    form = R.SAME_UNIT["元"]
    import re

    assert bool(re.search(rf"[\d一二三四五六七八九十百千万.]\s*{form}", text)) == money


@pytest.mark.parametrize("question, recipient", [
    ("开烟花爆竹零售店要向哪个部门申请许可？", True),  # a regulation
    ("发现疫情要在多长时间内上报？报给谁？", True),
    ("企业应急预案要向哪一级应急管理部门备案？", True),  # a city rule
    ("2022年燃气安全排查整治由谁牵头?", False),  # a plan's lead question is not an application
])
def test_the_body_one_turns_to_is_asked_for(question, recipient):
    assert bool(R.RECIPIENT_QUESTION.search(question)) == recipient


def test_a_laws_items_run_over_their_semicolons():
    """上海市消防条例 第十八条: item (一) has a 分号 inside; the run of items goes on to (五) all the same."""
    from ingest.loaders import load_file
    from ingest.pipeline import process
    from rag.extractive import _leading_items
    from tests.conftest import LIBRARY

    chunks = process(load_file(next(LIBRARY.glob("law_上海市消防条例*.md")), 10**8)).chunks
    text = next(c.text for c in chunks if c.article == "第十八条" and "下列消防安全责任" in c.text)
    start = text.index("下列消防安全责任：") + len("下列消防安全责任：")
    law = _leading_items(text, start, provisions=True)
    assert "灭火和应急疏散预案" in text[law[0][0]:law[-1][1]]
    plan = _leading_items(text, start)  # read as a plan's sentences, the run stops at the 分号
    assert "灭火和应急疏散预案" not in text[plan[0][0]:plan[-1][1]]


@pytest.mark.parametrize("question, target", [
    ("上海今年政府工作报告里，全社会固定资产投资的增长目标定了多少？", True),  # a report's target
    ("绍兴今年森林火灾受害率要力争控制在多少？", True),  # a plan's
    ("2025年上海全社会固定资产投资增长了多少？", False),  # a review's figure is what is asked
])
def test_a_target_is_asked_for(question, target):
    assert bool(R.TARGET_QUESTION.search(question)) == target


@pytest.mark.parametrize("question, definition", [
    ("地质灾害防治条例里，中型地质灾害是按什么标准划分的？", True),  # a regulation's grading
    ("生产安全事故怎么分级？", True),
    ("绍兴今年要新增多少避灾安置场所?", False),
])
def test_a_grading_is_asked_as_a_definition(question, definition):
    assert bool(R.DEFINITION_QUESTION.search(question)) == definition


def test_within_a_span_of_time_is_no_part_of_the_next_word():
    from rag.evidence import query_terms

    terms = query_terms("医院得在几小时内报给县里的卫生行政部门？", lambda w: 5.0).terms
    assert "内报" not in terms and "卫生" in terms


def test_a_title_said_with_de_names_the_document():
    from planqa.records import DocMeta
    from rag.query import find_documents

    metas = {"bj": DocMeta(title="北京市实施《中华人民共和国防震减灾法》规定", region="北京市", year_from=2013),
             "nat": DocMeta(title="中华人民共和国防震减灾法", region="全国", year_from=2008, work="防震减灾法")}
    docs, missing = find_documents("北京实施防震减灾法的规定里，新建多高的楼要建强震动监测设施？", metas)
    assert docs == ["bj"] and not missing


@pytest.mark.parametrize("sentence, who", [
    ("发挥市安委会办公室统筹协调作用,做好三年行动收官", "由市安委会办公室负责"),  # a plan's role sentence
    # the bureau together with a partner
    ("会同市消防支队研究完善联训联演机制", "由南通市应急管理局（文件发布单位）会同市消防支队负责"),
    ("6.市安委办抓好督促落实。", "由市安委办负责"),
])
def test_who_a_plan_sentence_gives_the_task_to(sentence, who):
    from planqa.records import Chunk, DocMeta, Passage
    from rag.evidence import Sentence
    from rag.extractive import _lead_subject

    meta = DocMeta(title="2020年全市应急管理工作要点", region="南通市", doc_type="工作要点", issuer="南通市应急管理局")
    p = Passage(Chunk(id="d#0", doc="d", text=sentence, start=0, end=len(sentence), section="", meta=meta), 1.0)
    assert _lead_subject(Sentence(0, 0, len(sentence), sentence, 1.0, 1.0), p) == who


@pytest.mark.parametrize("question", ["南通民间救援队跟消防一起练,应急局跟谁一块弄?", "沪三年整治收尾谁来统筹?"])
def test_spoken_ways_of_asking_with_whom(question):
    assert classify(question) == "lead"


@pytest.mark.parametrize("question, sentences, announcing", [
    # a plan: the sentence that names 五项机制 announces the list, not the best-covered item ⑤
    ("X市要落实的五项机制是哪些？",
     ["⑤落实基层防灾减灾救灾机制，提升基层防灾减灾能力。", "健全减灾办工作机制，健全落实五项机制。"], 1),
    # a report
    ("今年要抓好的三件大事是哪些？", ["抓好稳就业这件大事。", "重点抓好三件大事："], 1),
])
def test_a_counted_list_is_found_by_the_sentence_that_announces_it(question, sentences, announcing):
    from planqa.records import Chunk, DocMeta, Passage
    from rag.evidence import query_terms, score_sentences

    meta = DocMeta(title="t", doc_type="工作要点")
    ps = [Passage(Chunk(id=f"d#{i}", doc="d", text=t, start=0, end=len(t), section="", meta=meta), 1.0)
          for i, t in enumerate(sentences)]
    best = score_sentences(ps, query_terms(question, lambda w: 3.0), "list")[0]
    assert best.passage == announcing


@pytest.mark.parametrize("region, year, unknown", [
    ("山东省", 2025, True),  # the caller's filters name a report the library lacks (it holds 2026's)
    ("山东省", 2026, False),
])
def test_a_callers_year_names_a_document_as_strictly_as_the_question(region, year, unknown):
    from planqa.records import DocMeta
    from rag.query import parse_query

    metas = {"r": DocMeta(title="2026年山东省政府工作报告", region="山东省", year_from=2026, doc_type="政府工作报告")}
    pq = parse_query(f"山东省{year}年政府工作报告里安全生产方面提了哪些任务？", metas, region=region, year=year,
                     mentioned=lambda t: False)
    assert ("year" in pq.unknown) == unknown


@pytest.mark.parametrize("question, sentence, words", [
    ("政府跟企业应急要在哪几块协同?", "政企应急协同要在四个方面下功夫。", ("政府", "企业")),  # a plan
    ("党委和政府的安全生产责任有哪些", "实行党政同责、一岗双责", ("党委", "政府")),  # a regulation's phrase
])
def test_nouns_joined_by_and_are_their_first_characters(question, sentence, words):
    from rag.evidence import query_terms

    qt = query_terms(question, lambda w: 5.0, texts=sentence)
    assert all(qt.present(w, sentence) for w in words)


@pytest.mark.parametrize("question, kind", [
    ("崇明消防站布点想做到几分钟能赶到?", "number"),  # a plan's response time
    ("接到报告后几个小时内要上报？", "number"),  # a regulation's deadline
    ("几周内完成整改？", "number"),
])
def test_minutes_and_weeks_are_figures_asked_for(question, kind):
    assert classify(question) == kind


@pytest.mark.parametrize("question, contents", [
    ("河南的防震减灾规划应该包括哪些内容？", True),  # a law's plan
    ("防灾避险明白卡上要写哪些内容？", True),
    ("突发事件报告的内容有哪些？", True),
    ("上海发现水上险情，报告里至少得说清楚哪些信息？", True),
    ("绍兴今年要新增多少避灾安置场所?", False),
    ("政府工作报告里今年的重点任务有哪些？", False),  # a report's tasks are a list, not a content
])
def test_a_content_is_asked_for(question, contents):
    assert bool(R.CONTENTS_QUESTION.search(question)) == contents


@pytest.mark.parametrize("sentence, states", [
    ("防震减灾规划的内容应当包括：震情形势和防震减灾总体目标", True),  # 河南省防震减灾条例
    ("防灾避险明白卡应当载明可能发生地质灾害的位置、类型、范围和受威胁对象等内容。", True),
    ("地质灾害防治规划包括以下内容：", True),
    ("水上险情报告的内容应当包含水上险情发生的时间、位置和其他概况等信息。", True),
    ("消防规划应当包括消防安全布局、消防站、消防供水、消防通信、消防车通道、消防装备等内容", True),
    ("推进浦东新区、黄浦区、松江区试点建设国家城市安全风险综合监测预警平台", False),  # a plan's task
    ("全年地区生产总值增长5.5%左右", False),  # a report's target
])
def test_a_sentence_states_what_a_record_contains(sentence, states):
    assert bool(R.CONTENTS_SENTENCE.search(sentence)) == states


@pytest.mark.parametrize("question, kept, dropped", [
    ("河南的防震减灾规划应该包括哪些内容？", "防震", "应该"),  # a modal is mood, not topic
    ("防灾避险明白卡上要写哪些内容？", "明白卡", "上要"),  # jieba's 上要: place word + modal
    ("中型地质灾害是按什么标准划分的？", "中型", "划分"),  # 区别词 count; a grading's frame does not
    ("专职安全生产管理人员需要配几名？", "专职", "需要"),
])
def test_question_terms_keep_attributes_and_drop_modals(question, kept, dropped):
    from rag.evidence import query_terms

    terms = query_terms(question, lambda w: 5.0).terms
    assert kept in terms and dropped not in terms


def test_an_items_label_colon_is_not_its_lead_in():
    from rag.evidence import lead_in

    text = ("第四条 地质灾害按照人员伤亡、经济损失的大小，分为四个等级：\n（一）特大型：因灾死亡30人以上的；\n"
            "（二）大型：因灾死亡10人以上30人以下的；\n（三）中型：因灾死亡3人以上10人以下的；")
    assert lead_in(text, text.index("（三）")) == "第四条 地质灾害按照人员伤亡、经济损失的大小，分为四个等级："


def test_a_laws_last_item_is_not_joined_to_the_next_sentence_as_a_heading():
    text = "（五）地质灾害防治措施等。\n县级以上人民政府应当将城镇作为防护重点。"
    law = [text[a:b] for a, b in split_sentences(text, provisions=True)]
    assert law[0].strip() == "（五）地质灾害防治措施等。"
    plan = [text[a:b] for a, b in split_sentences(text)]  # a plan's "(五)…。" heads its paragraph
    assert len(plan) == 1


def _library_metas():
    from planqa.records import DocMeta

    return {
        "sh": DocMeta("上海市水上搜寻救助条例", "上海市", 2021, doc_type="地方性法规", work="上海市水上搜寻救助条例"),
        "sd": DocMeta("山东省海上搜寻救助条例", "山东省", 2019, doc_type="地方性法规", work="山东省海上搜寻救助条例"),
        "zj": DocMeta("浙江省特种设备安全管理条例", "浙江省", doc_type="地方性法规", work="浙江省特种设备安全管理条例"),
        "gd": DocMeta("广东省实施《中华人民共和国消防法》办法", "广东省", 2022, doc_type="地方性法规"),
        "forest": DocMeta("森林防火条例", "全国", 2008, doc_type="行政法规", work="森林防火条例"),
        "grass": DocMeta("草原防火条例", "全国", 2008, doc_type="行政法规", work="草原防火条例"),
    }


@pytest.mark.parametrize("question, docs, missing", [
    ("按上海的水上搜救条例，肇事船能不能先开走？", ["sh"], ""),  # 搜救 ← 搜寻救助, the place decides
    ("山东海上搜救条例里遇险了打什么电话？", ["sd"], ""),
    ("浙江那个特种设备条例里，电梯多久检验一次？", ["zj"], ""),  # 特种设备条例 ← 特种设备安全管理条例
    ("防火条例里乱用火怎么罚？", [], ""),  # 森林 or 草原: no guess, and not "missing" either
    ("《消防法》第十六条规定了哪些职责？", [], "消防法"),  # the implementing 办法 is not the law
])
def test_a_shortened_law_name_finds_its_one_work(question, docs, missing):
    from rag.query import find_documents

    found, lacking = find_documents(question, _library_metas())
    assert found == docs and lacking == missing


@pytest.mark.parametrize("question, dropped", [
    ("肇事船能不能先开走？", "不能"),  # A-not-A: 船能 / 不能 without the cut
    ("企业可不可以自己检验？", "可不可以"),
    ("单位要不要备案？", "不要"),
])
def test_a_yes_no_frame_is_no_term(question, dropped):
    from rag.evidence import query_terms

    terms = query_terms(question, lambda w: 5.0).terms
    assert dropped not in terms and not any(t.endswith("能") and t != "能" for t in terms)


def test_a_passages_tied_second_sentence_is_answered_too():
    from rag.evidence import Sentence
    from rag.extractive import _best_per_passage

    a = Sentence(0, 0, 10, "设有自动消防系统的单位，应当每年检测。", 0.54, 0.54)
    b = Sentence(0, 10, 20, "自动消防系统应当二十四小时有操作人员值守。", 0.537, 0.54)
    c = Sentence(1, 0, 10, "未委托机构检测的，处罚款。", 0.53, 0.54)
    low = Sentence(0, 20, 30, "其他。", 0.30, 0.54)
    assert _best_per_passage([a, b, c, low], 3, 0.2, tie=0.98) == [a, b, c]
    assert _best_per_passage([a, b, c, low], 3, 0.2) == [a, c]  # without a tie: one a passage


def test_a_unit_of_measure_asked_for_is_a_term_and_a_counter_is_not():
    from rag.evidence import query_terms

    assert "分钟" in query_terms("消防站布点想做到几分钟能赶到?", lambda w: 5.0).terms  # "5分钟救援半径"
    assert "公里" in query_terms("河道管理范围向外延伸多少公里?", lambda w: 5.0).terms
    assert "家" not in query_terms("今年要培育多少家企业?", lambda w: 5.0).terms


def test_a_spoken_er_word_the_documents_never_write_weighs_little():
    from rag.evidence import query_terms

    def idf(w):
        return 9.0 if w in ("活儿", "民宿", "\x00") else 3.0  # 9.0: no indexed passage holds it
    spoken = query_terms("乡镇要把各部门管应急的活儿合一块，成立个叫啥的机构?", idf).terms
    topic = query_terms("民宿的消防安全由谁负责?", idf).terms
    assert spoken["活儿"] < spoken["机构"]  # the asker's register
    assert topic["民宿"] == 9.0  # a topic the documents lack still counts whole


def test_a_count_of_people_names_the_figures_kind():
    from rag.evidence import query_terms

    terms = query_terms("有人失踪，过多久按死亡人数统计？", lambda w: 9.0 if w == "\x00" else 5.0).terms
    assert terms["人数"] < terms["失踪"]  # the text says 按照死亡人员进行统计


def test_the_verb_before_a_content_asked_for_is_its_frame():
    from rag.evidence import query_terms

    def idf(w):
        return 12.0 if w == "\x00" else (8.0 if w == "清楚" else 4.0)
    terms = query_terms("报告里至少得说清楚哪些信息？", idf).terms
    assert terms["清楚"] < terms["报告"] * 2  # not the predicate asked about: 说清楚 frames 哪些信息


@pytest.mark.parametrize("question, head", [
    ("X市2022年开展的执法专项行动叫什么年?", "年"),  # “精准执法年”
    ("上海要打造的综合演练品牌叫什么工程？", "工程"),
    ("这个平台叫什么名字？", ""),  # 名字 is no head: any name answers
    ("模式叫什么？", ""),
    ("南通和绍兴对事故查处都提到了什么制度?", "制度"),  # “一案双查”制度
])
def test_the_word_a_name_asked_for_ends_in(question, head):
    assert next((m.group(1) or m.group(2) for m in R.NAME_HEAD.finditer(question)), "") == head


def test_a_named_heads_quoted_name_is_preferred():
    from rag.evidence import query_terms, score_sentences
    from planqa.records import Chunk, DocMeta, Passage

    text = "③开展4项专项执法行动，一是全领域开展“一带一帽”专项执法行动。开展“精准执法年”专项行动，优化监管执法方式。"
    meta = DocMeta("X市2022年应急管理工作计划", "X市", 2022, 2022, "工作计划")
    p = Passage(Chunk(id="c", doc="003", text=text, section="", start=0, end=len(text), meta=meta), 1.0)
    qt = query_terms("执法专项行动叫什么年?", lambda w: 9.0 if w == "\x00" else 4.0)
    best = score_sentences([p], qt, "fact")[0]
    assert "精准执法年" in best.text


def test_a_light_verb_before_a_category_is_no_predicate():
    from rag.evidence import query_terms

    terms = query_terms("推动应急预案数字化建设遵循什么原则？", lambda w: 9.0 if w == "\x00" else 4.0).terms
    assert terms["遵循"] < terms["数字化"]  # the plan writes 按照“…”的原则


def _versioned_metas():
    from planqa.records import DocMeta

    metas = _library_metas()
    metas["qx"] = DocMeta("气象灾害防御条例", "全国", 2017, doc_type="行政法规", work="气象灾害防御条例")
    metas["mf"] = DocMeta("上海市民防条例", "上海市", 2018, doc_type="地方性法规", version="2018年修正",
                          work="上海市民防条例", dates=(("通过", "2002-10-28"), ("修正", "2018-12-20")))
    metas["gdf"] = DocMeta("广东省森林防火条例", "广东省", 2021, doc_type="地方性法规", work="广东省森林防火条例")
    return metas


@pytest.mark.parametrize("question, docs, missing", [
    # a place before a national regulation's name names that place's own regulation
    ("湖北省气象灾害防御条例对擅自发布预警信号的罚款是多少？", [], "湖北省气象灾害防御条例"),
    ("气象灾害防御条例第四十六条怎么规定？", ["qx"], ""),
    ("国家《森林防火条例》和《广东省森林防火条例》的罚款有什么不同？", ["gdf", "forest"], ""),  # named on its own too
    # a version the library does not hold is missing, not answered by another
    ("2022年修订的《上海市民防条例》对出租民防工程罚多少？", [], "上海市民防条例（2022年版）"),
    ("2018年修正的上海市民防条例怎么规定民防工程？", ["mf"], ""),
    # the head's history dates earlier versions: the 2002 text is not the 2018 one held
    ("2002年最早通过的那版上海市民防条例怎么规定民防工程？", [], "上海市民防条例（2002年版）"),
])
def test_a_document_the_library_lacks_is_not_answered_by_its_neighbour(question, docs, missing):
    from rag.query import find_documents

    found, lacking = find_documents(question, _versioned_metas())
    assert sorted(found) == sorted(docs) and lacking == missing


@pytest.mark.parametrize("sentence, review", [
    ("全省生产总值从2020年的3.68万亿元增长到2025年的4.93万亿元，粮食产量稳定在760亿斤以上。", True),  # 河北 report
    ("五年来，我们坚持稳中求进工作总基调。", True),
    ("全年地区生产总值增长5.5%左右，粮食产量稳定在760亿斤以上。", False),  # a target
    ("到2025年，亿元GDP生产安全事故死亡率下降33%。", False),  # a plan's target
])
def test_a_sentence_that_looks_back_is_a_review(sentence, review):
    assert bool(R.REVIEW_SENTENCE.search(sentence)) == review


def test_what_time_asks_for_a_date():
    assert classify("第二届长三角应急博览会定在什么时间举办？") == R.Kind.DEADLINE


@pytest.mark.parametrize("term, text, mentioned", [
    ("电视台", "广播、电视、报纸、电信等媒体未按照要求播发气象灾害预警信号的", True),  # 青岛 regulation
    ("应急管理局", "健全减灾办工作机制，会同气象、水务等部门开展应急管理研判", True),  # a plan of its own issuer
    ("消防站", "优化消防站点建设布局", True),
    ("电视台", "推进应急广播体系建设", False),
    ("燃气", "开展危险化学品专项整治", False),  # no suffix: the word itself must be there
])
def test_an_institution_is_mentioned_where_its_field_is(term, text, mentioned):
    from rag.evidence import institution_of

    assert (term in text or institution_of(term, text)) == mentioned


@pytest.mark.parametrize("question, catalogue", [
    ("库里山东省内关于气象灾害防御的地方性法规有哪几部？", True),
    ("资料库中有哪些关于人民防空的法规？", True),
    ("上海有哪几部关于防汛的条例？", True),
    ("X市定期开展灾害研判分析要会同哪些部门?", False),  # 哪些部门 asks who
    ("绍兴今年要新增多少避灾安置场所?", False),
    ("咱们库里有多少份应急预案？", True),
    # a store named with 库 holds things, not documents
    ("临时弹药库里每门高射炮最多能存多少发炮弹？", False), ("应急物资储备库中有哪些物资？", False),
])
def test_the_library_itself_is_asked_about(question, catalogue):
    assert bool(R.CATALOGUE_QUESTION.search(question)) == catalogue


@pytest.mark.parametrize("region, short", [
    ("广西壮族自治区", "广西"), ("内蒙古自治区", "内蒙古"), ("新疆维吾尔自治区", "新疆"),
    ("宁夏回族自治区", "宁夏"), ("西藏自治区", "西藏"), ("浙江省", "浙江"), ("上海市崇明区", "崇明"),
])
def test_a_regions_short_name_names_its_documents(region, short):
    # "广西今年GDP预期增长多少" must filter to 广西's report, not be answered from 云南's
    from planqa.records import DocMeta
    from rag.query import _find_regions, region_names

    meta = DocMeta(f"2026年{region}政府工作报告", region, 2026, 2026, "政府工作报告")
    assert short in region_names(meta)
    assert _find_regions(f"{short}今年地区生产总值预期增长多少？", {"r": meta}) == [short]


def test_the_search_text_leaves_out_what_the_filters_say():
    from rag.qa import _unfiltered
    from rag.retriever import Filters

    text = "内蒙古2026年政府工作报告提到安全生产有什么安排"
    out = _unfiltered(text, Filters(region="内蒙古", year=2026))
    assert "安全生产" in out and "内蒙古" not in out and "2026" not in out and "政府工作报告" not in out
    assert _unfiltered(text, Filters()) == text
    assert _unfiltered("内蒙古2026年", Filters(region="内蒙古", year=2026)) == "内蒙古2026年"  # nothing left


@pytest.mark.parametrize("question, kind", [
    ("检查人员不得少于几人？", R.Kind.NUMBER),  # "应当有二名以上检查人员": 名 and 人 are one unit
    ("哪几人负责？", R.Kind.LIST),
])
def test_how_many_people_is_a_figure(question, kind):
    assert classify(question) == kind
    assert re.search(R.SAME_UNIT["人"], "二名以上") if kind == R.Kind.NUMBER else True


@pytest.mark.parametrize("question, target", [
    ("宁夏今年在安全生产方面有什么部署？", True),  # this year's tasks, not the review
    ("绍兴今年森林防灭火有哪些安排？", True),
    ("2025年宁夏安全生产取得了哪些成绩？", False),
])
def test_this_years_arrangements_are_targets(question, target):
    assert bool(R.TARGET_QUESTION.search(question)) == target


def test_emergency_management_is_a_reports_topic_weighing_little():
    from rag.evidence import query_terms

    terms = query_terms("湖南今年应急管理体系建设有什么安排？", lambda w: 9.0 if w == "\x00" else 4.0).terms
    assert 0 < terms["应急管理"] < terms["体系"]  # every plan's field, a report's topic: it counts, a little


@pytest.mark.parametrize("heading, role", [
    ("一、2025年工作总结和“十四五”发展成就", "成绩"),  # 宁夏: two review labels joined
    ("一、“十四五”时期经济社会发展回顾", "成绩"),  # 河北: a review heading ends in 回顾
    ("一、2025年工作及“十四五”时期发展回顾", "成绩"),  # 江西
    ("三、2026年重点工作", "任务"),
    ("（三）强化风险隐患动态排查整治", None),  # a plan's content heading
])
def test_a_reports_review_heading_is_a_review(heading, role):
    from rag.section_roles import label_role

    assert label_role(heading) == role


def test_a_shortened_name_without_a_place_is_the_national_work():
    from planqa.records import DocMeta
    from rag.query import find_documents

    metas = _versioned_metas()
    metas["sdqx"] = DocMeta("山东省气象灾害防御条例", "山东省", 2018, doc_type="地方性法规",
                            work="山东省气象灾害防御条例")
    assert find_documents("气象灾害条例里擅自发布预警信号怎么罚？", metas)[0] == ["qx"]  # national (全国)
    assert find_documents("山东的气象灾害条例里怎么罚？", metas)[0] == ["sdqx"]


def test_a_shortened_name_that_is_a_local_title_without_its_place_names_it():
    # "气象条例" is 上海市气象条例 with its place taken off — not the national 气象灾害防御条例 it also
    # shortens; "救助条例" shortens several works (no filter), unless a year picks the one with that version
    from planqa.records import DocMeta
    from rag.query import find_documents, shortened_names

    metas = _versioned_metas()
    metas["shqx"] = DocMeta("上海市气象条例", "上海市", 2024, doc_type="地方性法规", work="上海市气象条例")
    metas["zr"] = DocMeta("自然灾害救助条例", "全国", 2019, doc_type="行政法规", work="自然灾害救助条例")
    metas["sj18"] = DocMeta("上海市社会救助条例", "上海市", 2018, doc_type="地方性法规", work="上海市社会救助条例")
    metas["sj24"] = DocMeta("上海市社会救助条例", "上海市", 2024, doc_type="地方性法规", work="上海市社会救助条例",
                            version="2024年修正")
    assert find_documents("气象条例第二十九条关于防风是怎么规定的？", metas)[0] == ["shqx"]
    assert find_documents("气象灾害条例里擅自发布预警信号怎么罚？", metas)[0] == ["qx"]
    assert find_documents("救助条例第十三条对特困人员是怎么界定的？", metas) == ([], "")
    assert shortened_names("救助条例第十三条对特困人员是怎么界定的？", metas) == ["救助条例"]
    assert find_documents("救助条例2018年那版里的低收入困难家庭现在叫什么？", metas)[0] == ["sj18"]


def test_a_measure_implementing_a_law_is_not_the_law():
    # a 《…实施〈…法〉办法》 the library lacks is missing; the law named inside its title is not asked
    from planqa.records import DocMeta
    from rag.query import find_documents

    metas = {"qxf": DocMeta("中华人民共和国气象法", "全国", 2016, doc_type="法律", work="中华人民共和国气象法")}
    q = "2006年那个《上海市实施〈中华人民共和国气象法〉办法》对防雷装置检测不合格是怎么罚的？"
    assert find_documents(q, metas) == ([], "上海市实施〈中华人民共和国气象法〉办法")
    assert find_documents("气象法对防雷装置检测不合格是怎么罚的？", metas)[0] == ["qxf"]


def test_a_look_back_on_any_five_year_period_is_a_review():
    assert R.REVIEW_SENTENCE.search("“十三五”时期，我们坚持稳中求进。")
    assert R.REVIEW_SENTENCE.search("“十四五”时期，我们奋力拼搏。")
    assert not R.REVIEW_SENTENCE.search("“十五五”时期，要加快建设现代化产业体系。")  # a plan ahead, no 我们


@pytest.mark.parametrize("text, figures", [
    ("地区生产总值增长4.5%—5%", ["4.5%—5%"]),  # a report's target range
    ("经济社会发展主要预期目标是：地区生产总值增长5%-5.5%", ["5%-5.5%"]),
    ("每年组织3-5次演练", ["3-5次"]),  # a plan's
    ("罚款二万元以上十万元以下", []),  # Chinese numerals are not FIGURE's (key_figure skips them)
    ("2021—2025年", ["2021", "2025年"]),  # a period, not a range figure
    ("将2.8万亿元中央财政资金纳入直达范围", ["2.8万亿元"]),  # a report: 万亿 is one magnitude
    ("投资1.5万元以上", ["1.5万元以上"]),
])
def test_a_range_is_one_figure(text, figures):
    assert [m.group(0) for m in R.FIGURE.finditer(text) if m.group(0).strip()] == figures


def test_a_range_target_is_the_key_figure():
    from rag.evidence import QueryTerms
    from rag.extractive import key_figure

    qt = QueryTerms({"地区生产总值": 3.0, "增长": 1.0})
    assert key_figure("今年主要预期目标是：地区生产总值增长4.5%—5%", "number", qt) == "4.5%—5%"


@pytest.mark.parametrize("question, joined", [
    ("新疆2026年粮食和棉花的产量目标分别是多少？", ("年粮食", "棉花的产量目标分别是多少")),
    ("福建今年GDP增长和城镇新增就业目标是多少？", ("福建今年GDP增长", "城镇新增就业目标是多少")),  # a report's
    ("消防法和安全生产法各规定了什么", ("消防法", "安全生产法各规定了什么")),  # laws
    ("南通的预案编制情况怎么样", None),
])
def test_coordinated_things(question, joined):
    m = R.COORDINATED.search(question)
    assert (m.groups() if m else None) == joined


@pytest.mark.parametrize("question, distributive", [
    ("自然灾害类和安全生产类各有多少个？", True), ("粮食和棉花的产量目标分别是多少？", True),
    ("两部法律的罚款分别定的是多少", True), ("新增多少个避灾安置场所", False), ("各地要做哪些工作", False),
])
def test_distributive_questions(question, distributive):
    assert bool(R.DISTRIBUTIVE.search(question)) == distributive


def test_statistics_look_back():
    assert R.REVIEW_SENTENCE.search("初步统计，2025年全省地区生产总值60199.45亿元、增长5%")


def test_a_first_clauses_terms_rank_a_later_clause_but_do_not_decide_it():
    from rag.evidence import QueryTerms

    qt = QueryTerms({"粮食": 4.3, "增产": 6.8, "就业": 3.6, "累计": 2.1}, context=frozenset({"就业", "累计"}))
    said = "新建高标准农田2471万亩，粮食增产169.8亿斤"
    assert qt.coverage(said) == 1.0 and qt.share(said) < 0.7  # its own clause is said whole
    assert qt.coverage("城镇累计新增就业239.2万人") < 0.5  # the first clause's sentence does not say it
    plain = QueryTerms({"粮食": 4.3, "增产": 6.8})
    assert plain.coverage(said) == plain.share(said) == 1.0


@pytest.mark.parametrize("question, nouns", [
    ("四川省2026年计划新建或改造多少个应急避难场所？", ["场所"]),  # a report's
    ("绍兴今年要新增多少家企业买安全生产保险?", ["企业", "保险"]),  # a plan's
    ("特种设备使用单位应当配备几名安全管理人员？", []),  # 名 counts people: no classifier of things
    ("要修订多少个预案", ["预案"]),
])
def test_what_a_count_counts(question, nouns):
    import jieba

    from rag.evidence import QueryTerms
    from rag.extractive import counted_terms

    qt = QueryTerms({w: 1.0 for w in jieba.lcut(question) if len(w) > 1})
    assert counted_terms(question, qt) == nouns


def test_a_year_range_is_a_period():
    assert R.DATE_MARK.search("高标准编制综合防灾减灾规划(2022-2035)")
    assert not R.DATE_MARK.search("培训3-5次")


def test_counted_names_the_passages_write_are_terms():
    from rag.evidence import _counted_names

    texts = "制订极端天气“六停(停工、停业)细则；每月汇总13个专委会履职情况；2022年是重要一年；“十四五”规划"
    assert _counted_names("上海说的六停，具体停哪几样？", texts) == ["六停"]
    assert _counted_names("那13个专委会是哪些", texts) == ["13个专委会"]
    assert _counted_names("综合防灾减灾规划管到哪一年", texts) == []  # 一年 is a word, not a name
    assert _counted_names("十四五规划有哪些目标", texts) == []  # a period


def test_a_laws_chapter_title_is_not_joined_to_its_first_article():
    text = "第三章燃放安全管理\n\n第二十条 禁止在外环线以内区域燃放烟花爆竹。"
    spans = split_sentences(text, provisions=True)
    assert [text[a:b].strip() for a, b in spans] == ["第三章燃放安全管理",
                                                     "第二十条 禁止在外环线以内区域燃放烟花爆竹。"]
    plan = "(三)严防风险。加强监测预警。"  # a plan's short heading still joins its sentence
    assert len(split_sentences(plan)) == 1


@pytest.mark.parametrize("question, kind", [
    ("北京市人民防空条例第十条，区、县的防空袭方案要报谁批准？", R.Kind.LEAD),  # a law's approval
    ("草原防火期内在草原上野外用火，得找哪个部门批？", R.Kind.LEAD),
    ("绍兴要和哪个机关构建协作机制？", R.Kind.FACT),  # a partner, not who leads
])
def test_who_approves_is_a_lead_question(question, kind):
    assert classify(question) == kind


@pytest.mark.parametrize("sentence, body", [
    ("在草原防火期内，因生产活动需要在草原上野外用火的，应当经县级人民政府草原防火主管部门批准。",
     "县级人民政府草原防火主管部门"),
    ("国家的破坏性地震应急预案，由国务院防震减灾工作主管部门会同国务院有关部门制定，报国务院批准。", "国务院"),
    ("区、县防空袭方案及实施计划，报市人民政府和北京卫戍区批准，并向市人民防空主管部门备案。",
     "市人民政府和北京卫戍区"),
    ("加强安全生产和防灾减灾工作。", None),  # a report's: no approval
])
def test_the_body_that_approves(sentence, body):
    m = R.LEAD_APPROVAL.search(sentence)
    assert (m.group(2) if m else None) == body


def test_a_reports_topic_sentence_after_its_item_heading_brings_its_paragraph():
    """山东's report: "（三）改革开放迈出坚实步伐。重点领域改革纵深推进。…" — the topic sentence
    after the item's heading sentence still opens what follows."""
    from types import SimpleNamespace

    from rag.evidence import Sentence
    from rag.extractive import _with_topic_paragraph
    from tests.conftest import LIBRARY

    f = LIBRARY / "report_2026_山东省_政府工作报告.txt"
    if not f.exists():
        pytest.skip("the development library is not beside the project")
    line = next(x for x in f.read_text(encoding="utf-8").splitlines() if x.startswith("（三）改革开放迈出坚实步伐。"))
    a = line.index("重点领域改革纵深推进。")
    s = Sentence(0, a, a + len("重点领域改革纵深推进。"), "重点领域改革纵深推进。", 1.0, 1.0)
    out = _with_topic_paragraph(s, [SimpleNamespace(chunk=SimpleNamespace(text=line))])
    assert out.text.startswith("重点领域改革纵深推进。十大标志性改革任务成效显著。") and out.end > s.end


@pytest.mark.parametrize("question, examples", [
    ("安法对饭店、餐馆这类用燃气的单位有啥硬性要求？", "饭店、餐馆"),  # a law's: it writes 餐饮等行业
    ("绍兴对硝化、氯化这类高危工艺有什么要求？", "硝化、氯化"),  # a plan's
    ("单位的电梯、锅炉之类的设备多久检验一次？", "电梯、锅炉"),
    ("这些企业今年要做什么？", None), ("文化旅游等重点领域有哪些", None),
])
def test_instances_listed_before_their_kind(question, examples):
    m = R.EXAMPLES_OF_KIND.search(question)
    assert (m.group(1) if m else None) == examples


def test_a_laws_short_name_is_a_filter_not_a_term():
    from planqa.records import DocMeta
    from rag.query import said_names

    m = DocMeta("中华人民共和国安全生产法", "全国", 2021, doc_type="法律", work="中华人民共和国安全生产法")
    assert "安法" in said_names(m)


@pytest.mark.parametrize("text, question, criterion", [
    ("沪的避难场所按啥标准来建?", True, None), ("应急预案数字化按照什么原则推进？", True, None),
    ("事故什么时候上报？", False, None),
    ("在按照“分类管理,分级负责,属地为主”的原则,推动我市应急预案数字化", None, True),  # a plan's
    ("单位应当按照职责分工和应急预案的要求，做好应急处置工作。", None, True),  # a law's
    ("确保按时完成各项目标任务。", None, False),  # a report's 按时 is no criterion
])
def test_a_criterion_asked_and_stated(text, question, criterion):
    if question is not None:
        assert bool(R.CRITERION_QUESTION.search(text)) == question
    if criterion is not None:
        assert bool(R.CRITERION_SENTENCE.search(text)) == criterion


@pytest.mark.parametrize("sentence, body", [
    ("统筹发挥市安委办、灾防办、防汛办、城运应急办以及森防办作用,加强牵头抓总",
     "市安委办、灾防办、防汛办、城运应急办以及森防办"),
    ("发挥市安委会办公室统筹协调作用,做好安全生产专项整治三年行动收官", "市安委会办公室"),
    ("充分发挥区应急管理事务中心的牵头抓总作用", "区应急管理事务中心"),
])
def test_the_bodies_whose_role_is_named(sentence, body):
    assert R.LEAD_ROLE.search(sentence).group(1) == body


def test_several_bodies_of_a_kind_asked_and_named():
    from rag.evidence import names_bodies

    assert R.ASKED_KIND_OF_BODY.search("沪那边统筹协调到底靠哪几个办牵头?").group(1) == "办"
    assert R.ASKED_KIND_OF_BODY.search("事故调查组由哪些部门组成？").group(1) == "部门"  # a law's
    assert not R.ASKED_KIND_OF_BODY.search("由哪个部门牵头？")  # one body
    assert names_bodies("统筹发挥市安委办、灾防办、防汛办、城运应急办以及森防办作用", "办") >= 2
    assert names_bodies("发挥市安委会办公室统筹协调作用", "办") < 2


def test_a_quoted_series_before_a_counted_name_defines_it():
    s = "进一步贯彻执行去年出台的应急处置指南,严格遵循“快速隔离,科学处置,有效沟通,平稳善后”四个基本原则"
    assert defines(s, "四个基本原则")
    assert not defines("依托重大安全“七张问题清单”,探索发布安全生产评价指数", "七张问题清单")


@pytest.mark.parametrize("question, person", [
    ("审议通过工作要点时，上海市应急管理局局长为何人？", True), ("南通应急管理局局长是谁？", True),
    ("局长办公会什么时候审议通过的？", False),
])
def test_a_person_asked_for(question, person):
    assert bool(R.PERSON_QUESTION.search(question)) == person


@pytest.mark.parametrize("question, year", [
    ("在2020年度的应急管理工作要点中，对规划编制作了何种安排？", 2020),  # 年度: the document's own year
    ("在2025年建成什么样的体系？", None),  # a target
])
def test_a_year_of_the_document_itself(question, year):
    assert document_year(question) == year


@pytest.mark.parametrize("question, added", [
    ("安监部门逐级上报每一级最多能用多久", "安全生产监督管理"),  # 安监: the former 安全生产监督管理局
    ("公众聚集场所开业前要申请什么检查", "营业"),  # laws write 投入使用、营业前
    ("救灾款物能不能挪作他用", "挪用"),  # laws write 截留、挪用
    ("市里的专项预案要修编几个", "市级"),  # plans write 市级 for what is said 市里
    ("市县政府接到事故报告后多久要直报", "县（市、区）人民政府"),  # laws write 人民政府, with the level's kinds
    ("省政府批准的森林防火期", "省、自治区、直辖市人民政府"),
    ("高危单位的应急预案多久演练一次", "应急救援预案"),  # laws write both for one thing
    ("疫情信息由卫健部门公布吗", "卫生健康"),  # 卫健委: 卫生健康委员会
    ("疫情信息由卫健部门公布吗", "卫生行政"),  # laws of before 2018 write 卫生行政部门
    ("企业安全生产谁负总责", "全面负责"),  # laws: 对本单位的安全生产工作全面负责
    ("核电站出了事故应急状态分几级", "核电厂"),
    ("撞船以后逃跑的怎么罚", "逃逸"),
])
def test_everyday_and_short_forms_search_with_the_written_form(question, added):
    from rag.query import expand

    assert added in expand(question) and added not in question


@pytest.mark.parametrize("question, seen, kept", [
    ("厂里出了事故，工会能参与调查吗", set(), None),  # the documents never write 厂里: it says where the asker is
    ("村里发生地质灾害谁组织转移", set(), None),
    ("村里发生地质灾害谁组织转移", {"村里"}, "村里"),  # a text that writes it makes it a word to match
    ("市里的地质灾害预案谁组织修订", set(), "市里"),  # a level of government (市级), not where the asker is
])
def test_a_spoken_place_of_one_character_is_where_not_what(question, seen, kept):
    from rag.evidence import query_terms

    written = {"事故", "工会", "调查", "地质灾害", "转移", "组织", "参与", "发生"}

    def idf(word: str) -> float:  # 9.0 is the weight of a word no passage contains
        return 2.0 if word in seen | written else 9.0

    terms = query_terms(question, idf).terms
    word = next(w for w in ("厂里", "村里", "市里") if w in question)
    assert (word in terms) == (kept is not None)
    assert "事故" in terms or "地质灾害" in terms


@pytest.mark.parametrize("question, follows", [
    ("消防救援人员退休了衔还保不保留？要是辞职了呢？", True),  # a law
    ("上海要新增多少避灾安置场所，绍兴呢", True),  # a plan
    ("江苏今年GDP增长目标是多少？", False),  # a report
    ("呢", False),
])
def test_a_last_clause_with_呢_asks_the_first_clauses_question_again(question, follows):
    from planqa.rules import FOLLOW_ON_CLAUSE

    assert bool(FOLLOW_ON_CLAUSE.search(question)) == follows


@pytest.mark.parametrize("clause, asks", [
    ("消防救援人员退休了衔还保不保留", True), ("这种情况算不算生产安全事故", True),
    ("企业要建立隐患排查制度", False), ("不得不停产", False),
])
def test_a_verb_asked_yes_or_no_is_a_question(clause, asks):
    from planqa.rules import ASKS

    assert bool(ASKS.search(clause)) == asks


def test_a_preposition_and_a_verb_jieba_joins_are_no_topic():
    from rag.evidence import query_terms

    # jieba reads "对出了事故" as 对出 (to match a couplet): the question is about 事故 and 报告
    terms = query_terms("上海安全生产条例对出了事故多长时间内报告是怎么规定的", lambda w: 3.0).terms
    assert "对出" not in terms and "事故" in terms


def test_a_place_inside_a_word_is_not_dropped_as_a_place():
    from rag.evidence import query_terms

    # 全国 is the region of national laws, a filter; 全国性 says of what kind the forecast is
    terms = query_terms("全国性的地震中期预报由谁发布", lambda w: 3.0, drop=["全国"]).terms
    assert "全国性" in terms
    assert "全国" not in query_terms("全国的地震中期预报由谁发布", lambda w: 3.0, drop=["全国"]).terms


@pytest.mark.parametrize("sentence, five_years", [
    ("生产安全事故起数、死亡人数分别比“十三五”时期下降44.1%、29.7%。", True),  # a report
    ("高价值发明专利较“十三五”时期增长148%。", True),
    ("生产安全事故起数、死亡人数分别下降9.5%、7.1%。", False),
    ("到2025年，较2020年下降15%。", False),  # a plan's target against one year
])
def test_a_figure_of_five_years(sentence, five_years):
    from planqa.rules import FIVE_YEAR_SPAN

    assert bool(FIVE_YEAR_SPAN.search(sentence)) == five_years


@pytest.mark.parametrize("question, kind", [
    ("山东的规定，职工去参加应急救援那几天，单位工资照发吗？", "fact"),  # those days: no number asked
    ("这几个单位由谁牵头？", "lead"),
    ("事故发生后几天内要报告？", "number"),  # a law: how many days
    ("绍兴要新建几个避灾安置场所？", "number"),  # a plan
    ("2022年的几个计划里，哪家提到了杭州亚运会？", "fact"),  # the documents looked among
    ("这几份条例中，哪部规定了护林员？", "fact"),  # laws
    ("全省几个市里有多少个消防站", "number"),  # (a count still asked after the scope)
])
def test_这几_and_那几_point_they_do_not_ask(question, kind):
    from rag.query import classify

    assert classify(question).value == kind


@pytest.mark.parametrize("question, field", [
    ("2020年那份全市应急管理要点到底是哪个市的？", "region"), ("这个规划是哪个单位发的", "issuer"),
    ("沪要编的综合防灾减灾规划管到哪一年?", ""),  # a plan the text names, not the document
    ("绍兴要新增多少个避灾安置场所？", ""),
    ("南通要求应急指挥中心建到哪一级？", ""),  # a question about the text, not the document
])
def test_a_fact_about_the_document_itself(question, field):
    from rag.catalogue import asked_fact

    assert asked_fact(question) == field


@pytest.mark.parametrize("question, kind", [
    ("绍兴那份第三部分讲啥", R.Kind.SECTION),  # a plan: 啥 is 什么
    ("安全生产许可证条例第九条说的什么", R.Kind.SECTION),  # a law
    ("那份报告第二部分写的是什么", R.Kind.SECTION),  # a report
    ("第三部分要新增多少个", R.Kind.NUMBER),  # one thing inside it, not the part as a whole
])
def test_what_a_part_says_asked_in_spoken_words(question, kind):
    assert classify(question) == kind


@pytest.mark.parametrize("question, texts, asked", [
    ("沪和绍兴碰到极端天气各搞几停", "制订极端天气“六停(停工、停业)细则；建立“五断”“五停”机制",
     {"几停": ["五停", "六停"]}),
    ("企业要落实几查制度", "全面落实“三查”制度", {"几查": ["三查"]}),  # (invented text: the rule, not a plan)
    ("应急预案要几年修订一次", "每三年修订一次", {}),  # 几年 counts years: a number, no name
    ("要新增几个避难场所", "新增“五个”场所", {}),
    ("这几停是什么", "“六停”", {}),  # 这几 points, it does not ask
])
def test_a_name_counted_with_几_is_the_quoted_names_that_count_it(question, texts, asked):
    from rag.evidence import _asked_counted_names

    assert _asked_counted_names(question, texts) == asked


@pytest.mark.parametrize("question, gone, kept", [
    ("有人非法卖血，卫健部门能罚多少", "能罚", "卖血"),  # a law: 能 is the asker's mood
    ("救护车一辆车最少得配几个人", "一辆车", "救护车"),  # a regulation: a count, then the noun
    ("每个村要配几名应急管理员", "村要", "应急管理"),  # a plan: the noun before a modal
])
def test_words_jieba_glues_from_the_askers_phrasing(question, gone, kept):
    from rag.evidence import query_terms

    known = {"卖血", "卫健", "部门", "救护车", "应急管理员", "非法"}
    terms = query_terms(question, lambda w: 2.0 if w in known else 9.0).terms
    assert gone not in terms and kept in terms


@pytest.mark.parametrize("question, kind", [
    ("谎报险情这事，海上交通法和上海急救条例各是怎么处理的", R.Kind.COMPARE),  # laws
    ("沪和绍兴的避灾安置场所各是怎样安排的", R.Kind.COMPARE),  # plans
    ("GDP预期目标和赤字率各是多少", R.Kind.NUMBER),  # a report: each figure asked, nothing compared
    ("核安全法和传染病法比一比，谁主管", R.Kind.COMPARE),
    ("各有关部门要做什么", R.Kind.FACT),  # 各有关部门 is the text's phrase, it compares nothing
])
def test_each_asked_of_two_is_a_comparison(question, kind):
    assert classify(question) == kind


@pytest.mark.parametrize("question, names", [
    ("海上交通法里海上施工作业找谁批", ["交通法"]),  # jieba reads 法里 as a place (海上 is matched by the title)
    ("人影条例里高炮作业找谁", ["人影条例"]),
    ("按安全生产法中的规定", ["安全生产法"]),
])
def test_a_law_named_before_a_locative(question, names):
    assert named_instruments(question) == names


def test_a_tentative_verb_and_a_level_frame_the_question():
    from rag.evidence import query_terms

    terms = query_terms("核安全法和传染病法比一比：全国层面是哪个部门主管监管", lambda w: 3.0).terms
    assert "比一比" not in terms and "监管" in terms
    assert terms["层面"] <= 3.0 * R.DEFAULT_WEIGHTS.low_weight + 1e-9  # a frame counts a little


@pytest.mark.parametrize("question, refused", [
    ("救护车出一趟车收多少钱", True),  # a charge: the fine for misusing an ambulance is none
    ("救护车违规开展非急救服务罚多少钱", False),  # a fine asked for
])
def test_a_charge_asked_is_not_answered_by_a_fine(question, refused):
    from planqa.records import Chunk, DocMeta, Passage
    from rag.evidence import query_terms
    from rag.extractive import answer_extractive

    text = ("第六十条 违反本条例第十四条第三款规定，使用救护车开展非院前急救医疗服务活动的，由卫生健康行政部门"
            "责令改正，处一千元以上一万元以下的罚款。")
    meta = DocMeta(title="上海市急救医疗服务条例", doc_type="地方性法规")
    ps = [Passage(Chunk(id="d#0", doc="d", text=text, start=0, end=len(text), section="", meta=meta), 1.0)]
    idf = {"救护车": 3.0, "出一趟车": 3.0, "违规": 2.0, "开展": 1.0, "非急救": 3.0, "服务": 1.0}
    d = answer_extractive(question, "number", ps, query_terms(question, lambda w: idf.get(w, 3.0)))
    assert d.refused == refused


def test_two_documents_each_asked_their_own_thing():
    from planqa.records import DocMeta
    from rag.query import document_parts

    metas = {"rain.md": DocMeta(title="人工影响天气管理条例", doc_type="行政法规"),
             "sea.md": DocMeta(title="中华人民共和国海上交通安全法", doc_type="法律"),
             "aid.md": DocMeta(title="上海市急救医疗服务条例", region="上海市", doc_type="地方性法规")}
    q = "同样要申请，人影条例里用高炮火箭作业和海上交通法里海上施工作业，分别找谁批？"
    assert document_parts(q, ["rain.md", "sea.md"], metas) == [
        ("rain.md", "同样要申请，用高炮火箭作业找谁批？"), ("sea.md", "同样要申请，海上施工作业找谁批？")]
    # one topic asked of both: compared as one question
    assert document_parts("谎报险情这事，海上交通法和上海急救条例各是怎么处理的？", ["sea.md", "aid.md"], metas) == []


@pytest.mark.parametrize("question, region", [
    ("22年那份国务院报告里赤字率是多少", "全国"),  # the State Council's report is the national one
    ("国务院政府工作报告提出的GDP目标", "全国"),
    ("国务院应急管理部门负责什么", ""),  # a body a law names, no report
])
def test_the_state_councils_report_is_the_national_one(question, region):
    from planqa.records import DocMeta
    from rag.query import parse_query

    metas = {"n.txt": DocMeta(title="2022年政府工作报告", region="全国", year_from=2022, year_to=2022,
                              doc_type="政府工作报告", issuer="国务院"),
             "s.txt": DocMeta(title="山东省2022年政府工作报告", region="山东省", year_from=2022, year_to=2022,
                              doc_type="政府工作报告")}
    assert parse_query(question, metas).filters.region == region


def _reports():
    from planqa.records import DocMeta

    return {f"r{y}.txt": DocMeta(title=f"{y}年政府工作报告", region="全国", year_from=y, year_to=y,
                                 doc_type="政府工作报告", issuer="国务院") for y in (2022, 2024)} | {
        "law.md": DocMeta(title="河源市暴雨灾害预警与响应条例", region="河源市", year_from=2022, year_to=2022,
                          doc_type="地方性法规")}


@pytest.mark.parametrize("question, doc_type", [
    ("2022年报告要求做好哪些灾害的防御", "政府工作报告"),  # a report named by its genre's noun
    ("22年那份报告里提到哪类灾害", "政府工作报告"),
    ("发现险情多长时间内报告", ""),  # 报告 as a verb
    ("2022年那份要点里的目标", ""),  # a genre the library does not hold: no filter
])
def test_a_genre_named_by_its_noun_is_the_type_asked_about(question, doc_type):
    from rag.query import parse_query

    assert parse_query(question, _reports()).filters.doc_type == doc_type


def test_two_years_of_one_genre_are_two_documents_compared():
    from rag.query import parse_query

    pq = parse_query("中央预算内投资，2024年和2022年的全国政府工作报告各安排了多少？", _reports())
    assert pq.kind == R.Kind.COMPARE and sorted(pq.compare_docs) == ["r2022.txt", "r2024.txt"]


def test_naming_a_report_fixes_no_topic_naming_a_law_does():
    from rag.qa import QA
    from rag.query import parse_query

    metas = _reports()
    assert not QA._names_its_provisions(parse_query("2022年政府工作报告给救灾资金安排了多少", metas), metas)
    assert QA._names_its_provisions(parse_query("河源市暴雨灾害预警与响应条例里学校要不要停课", metas), metas)


@pytest.mark.parametrize("question, parts", [
    ("出了核事故和传染病暴发时，对外发布信息分别是谁的事？",  # laws
     ["出了核事故，对外发布信息是谁的事？", "传染病暴发时，对外发布信息是谁的事？"]),
    ("防汛和防台各是怎么分工的", ["防汛是怎么分工的", "防台是怎么分工的"]),  # plans
    ("地区生产总值和粮食产量是多少", []),  # nothing distributed: the coordination code asks each
])
def test_two_things_asked_of_each_with_nothing_to_compare_them_by(question, parts):
    from rag.query import topic_parts

    assert topic_parts(question) == parts


@pytest.mark.parametrize("question, compared", [
    ("崇明十四五规划里跟南通有啥联动安排？", []),  # a plan: 南通 is who 崇明 works with
    ("山东省条例里与江苏的协作机制是什么", []),  # a law
    ("崇明和南通有啥联动安排？", ["崇明", "南通"]),  # 和: both asked about
    ("上海跟绍兴的目标有何不同", ["上海", "绍兴"]),  # 跟 with no working together: compared
])
def test_a_partner_place_is_no_second_region(question, compared):
    from planqa.records import DocMeta
    from rag.query import parse_query

    metas = {"a": DocMeta(title="崇明区应急管理“十四五”规划", region="上海市崇明区"),
             "b": DocMeta(title="2020年全市应急管理工作要点", region="南通市"),
             "c": DocMeta(title="上海市应急管理局2022年工作要点", region="上海市"),
             "d": DocMeta(title="绍兴市2022年应急管理工作要点", region="绍兴市"),
             "e": DocMeta(title="山东省安全生产条例", region="山东省"), "f": DocMeta(title="江苏报告", region="江苏省")}
    assert parse_query(question, metas).compare_regions == compared


@pytest.mark.parametrize("term, forms", [("60", ["六十"]), ("300", ["三百"]), ("10", None), ("2024", None)])
def test_numbers_are_found_in_chinese_numerals(term, forms):
    # laws write 六十周岁, 三百人; "十" alone is in too many words, a year is no count
    from rag.evidence import _numeral_forms

    assert _numeral_forms({term: 1.0}).get(term) == forms


@pytest.mark.parametrize("term, text, share", [
    ("救助金", "骗取救助资金、物资", 0.75),  # shortened by one character: nearly said
    ("救助金", "发放救助金", 1.0), ("救助金", "救助和资金", 0.0),  # two between: another phrase
    ("医保", "医疗保险", 0.0),  # a two-character word is left to the abbreviation table
])
def test_a_three_character_word_shortened_by_one_character_is_nearly_said(term, text, share):
    from rag.evidence import QueryTerms

    assert QueryTerms({term: 1.0}).coverage(text) == share


@pytest.mark.parametrize("sentence, penalty", [
    ("煤矿安全监察机构发现煤矿进行独眼井开采的，应当责令关闭。", True), ("由公安机关予以取缔", True),
    ("可以处一万元以上三万元以下罚款", True), ("应当定期检测雷电防护装置", False),
])
def test_what_a_sanction_is_written_with(sentence, penalty):
    assert bool(R.PENALTY_SENTENCE.search(sentence)) == penalty


def test_renamed_and_everyday_words_find_the_statutory_ones():
    # 防雷装置 was renamed 雷电防护装置; "怎么处罚" is answered where the law fines or warns
    from rag.evidence import QueryTerms, _alternatives

    alts = _alternatives()
    qt = QueryTerms({"防雷": 1.0, "处罚": 1.0}, alts)
    assert qt.coverage("未按照国家规定定期检测雷电防护装置的，给予警告，可以处一万元以上三万元以下罚款") == 1.0



@pytest.mark.parametrize("question, catalogue", [
    ("库里山东省的地方性法规有哪几部？", True), ("山东有几部关于消防的条例？", True),
    ("上海要修订多少部应急预案？", False), ("绍兴今年要编制几部专项预案", False),  # a plan's task, counted
])
def test_a_count_after_a_tasks_verb_is_no_catalogue_question(question, catalogue):
    assert bool(R.CATALOGUE_QUESTION.search(question) and not R.TASK_COUNT.search(question)) == catalogue


@pytest.mark.parametrize("question, condition, asked", [
    ("核电站要是出了安全问题，核安全法里到底谁负总责？", "核电站要是出了安全问题", "核安全法里到底谁负总责？"),
    ("万一发生燃气泄漏，上海由谁牵头处置？", "万一发生燃气泄漏", "上海由谁牵头处置？"),
    ("如果企业不整改的话，怎么罚？", "如果企业不整改的话", "怎么罚？"),
    ("绍兴今年要新增多少避灾安置场所？", None, None),  # no condition
])
def test_a_condition_said_first_is_context(question, condition, asked):
    m = R.CONDITION_CLAUSE.match(question)
    assert (m.group(1), question[m.end():]) == (condition, asked) if condition else m is None


@pytest.mark.parametrize("sentence", ["由总承包单位对施工现场的安全生产负总责。",
                                      "第五条 核设施营运单位对核安全负全面责任。"])
def test_who_answers_for_it_is_a_lead_sentence(sentence):
    assert R.LEAD.search(sentence)



def _gas_metas():
    from planqa.records import DocMeta

    def law(title, region, year, level):
        return DocMeta(title, region, year, doc_type="地方性法规", work=title, level=level)

    return {"zj": law("浙江省燃气管理条例", "浙江省", 2020, "省级"),
            "hz": law("杭州市燃气管理条例", "杭州市", 2021, "市级"),
            "zjaq": law("浙江省安全生产条例", "浙江省", 2016, "省级"),
            "hzaq": law("杭州市安全生产监督管理条例", "杭州市", 2010, "市级")}


@pytest.mark.parametrize("question, docs, missing", [
    # by level, the topic the question's: 燃气 picks the province's gas regulation
    ("燃气这块归哪个部门管？省条例和杭州市里那个条例说法一样吗？", ["zj", "hz"], ""),
    ("管道燃气特许经营权最长能给多少年？（省条例）", ["zj"], ""),
    ("省燃气条例里，没拿瓶装燃气经营许可证就卖气，怎么罚？", ["zj"], ""),
    ("省里的条例对安全生产委员会有什么规定？", ["zjaq"], ""),  # 安全生产: the other provincial one
    # said together, the references share the topic of the one the question resolves
    ("我们应急管理部门在燃气安全上管什么？省里的条例和杭州的条例各是怎么写的？", ["zj", "hz"], ""),
    ("市里那个条例对防汛有什么规定？", [], ""),  # no held city regulation is about 防汛: no filter, nothing missing
    ("湖北省燃气管理条例规定了什么？", [], "湖北省燃气管理条例"),  # a place's regulation not held stays missing
])
def test_a_regulation_named_by_its_level_or_place(question, docs, missing):
    from rag.query import find_documents

    found, lacking = find_documents(question, _gas_metas())
    assert (sorted(found), lacking) == (sorted(docs), missing)


@pytest.mark.parametrize("question", ["两个条例说法一样吗", "省里和市里的规定是否一致？", "这两版一致吗"])
def test_asking_whether_they_agree_compares(question):
    assert classify(question) == R.Kind.COMPARE


@pytest.mark.parametrize("question, absent, kept", [
    ("职工参加应急救援期间工资会不会被扣？", "被扣", "工资"),  # the passive 被 and the asker's verb
    ("被查到了会怎么处理？", "被查", "处理"),
])
def test_a_passive_verb_the_documents_never_write_is_the_askers(question, absent, kept):
    from rag.evidence import query_terms

    unseen = 9.0  # the idf of a word no passage writes
    terms = query_terms(question, lambda w: unseen if w in (absent, "\x00") else 5.0).terms
    assert absent not in terms and kept in terms


def test_gas_in_cylinders_is_said_as_laws_write_it():
    from rag.evidence import QueryTerms, _alternatives

    qt = QueryTerms({"罐装": 1.0}, _alternatives())
    assert qt.coverage("本市实行瓶装燃气实名购买制度") == 1.0
    qt = QueryTerms({"上门": 1.0, "高层住宅": 1.0}, _alternatives())
    assert qt.coverage("预约入户检查时间；燃气经营者不得向高层建筑提供瓶装燃气") == 1.0


def test_with_no_place_named_a_national_law_goes_before_a_local_one_about_as_relevant():
    # 消防法 第五十一条 and 上海市消防条例 第六十五条 both say who investigates a fire; the question names
    # no place: the national law is the default (a local one counting 1.5 times as much would still lead)
    from types import SimpleNamespace

    from planqa.records import Chunk, DocMeta, Passage
    from rag.qa import QA
    from rag.query import ParsedQuery
    from rag.retriever import Filters, Retrieval

    def passage(doc, title, region, score):
        meta = DocMeta(title, region, 2020, doc_type="法律" if region == "全国" else "地方性法规")
        return Passage(Chunk(doc, doc, "…", 0, 1, "", meta), score)

    local, national = passage("sh", "上海市消防条例", "上海市", 0.9), passage("gj", "中华人民共和国消防法", "全国", 0.7)
    far = passage("sh2", "上海市消防条例", "上海市", 0.3)
    me = SimpleNamespace(understand=True, weights=R.DEFAULT_WEIGHTS)
    ask = ParsedQuery(text="着火以后，火灾原因由谁来调查？", kind=R.Kind.LEAD, filters=Filters(), search_text="")
    assert [p.chunk.doc for p in QA._national_first(me, Retrieval([local, national, far]), ask)] == ["gj", "sh", "sh2"]
    placed = ParsedQuery(text="上海着火以后谁来调查？", kind=R.Kind.LEAD, filters=Filters(region="上海市"),
                         search_text="")
    assert [p.chunk.doc for p in QA._national_first(me, Retrieval([local, national]), placed)] == ["sh", "gj"]
    weak = passage("gj2", "中华人民共和国消防法", "全国", 0.5)  # 0.5 × 1.5 < 0.9: the local one still leads
    assert [p.chunk.doc for p in QA._national_first(me, Retrieval([local, weak]), ask)] == ["sh", "gj2"]


def test_a_laws_title_is_the_topic_of_its_articles():
    # "河道上被罚了款不服，几天内能申请复议": 河道管理条例 第四十六条 never writes 河道; its title does
    from planqa.records import Chunk, DocMeta, Passage
    from rag.evidence import QueryTerms, score_sentences

    text = "第四十六条 当事人对行政处罚决定不服的，可以在接到处罚通知之日起15日内申请复议。"

    def passage(title):
        return Passage(Chunk(title, title, text, 0, len(text), "第六章 > 第四十六条",
                             DocMeta(title, "全国", 2018, doc_type="行政法规")), 1.0)

    best = score_sentences([passage("矿山安全法实施条例"), passage("河道管理条例")],
                           QueryTerms({"河道": 1.0, "复议": 1.0}), "number")[0]
    assert best.passage == 1


@pytest.mark.parametrize("said, written", [("种庄稼", "种植农作物"), ("开荒", "开垦"), ("水保设施", "水土保持设施"),
                                           ("追回", "追缴丢失、被盗的放射源"), ("商量", "协商不成的"),
                                           ("不能", "禁止从事下列危及燃气设施安全的活动")])
def test_farm_and_soil_words_as_laws_write_them(said, written):
    from rag.evidence import QueryTerms, _alternatives

    term = "水保" if said == "水保设施" else said
    assert QueryTerms({term: 1.0}, _alternatives()).coverage(written) == 1.0


def test_instances_before_zhexie_are_examples_and_spoken_words_as_laws_write_them():
    from rag.evidence import QueryTerms, _alternatives

    m = R.EXAMPLES_OF_KIND.search("放射性的东西能不能跟汽油、炸药这些易燃易爆的放一个库里？")
    assert m and m.group(1).endswith("汽油、炸药")  # the asker's instances of 易燃易爆 (the kind stays)
    qt = QueryTerms({"大堤": 1.0, "闲杂人员": 1.0, "大水": 1.0}, _alternatives())
    assert qt.coverage("遇到洪水时，在防汛抢险期间，无关人员和车辆不得上堤。") == 1.0
    assert {"下来", "起来"} <= R.QUESTION_WORDS  # "下来检查", "开起来": a complement of the asker's verb


@pytest.mark.parametrize("said, written", [
    ("派出所", "由公安机关责令停止燃放"), ("老百姓", "任何单位和个人不得"), ("车间", "对高毒作业场所进行一次检测"),
    ("罐子", "存在高毒物品的设备、容器"), ("大病", "个人因疾病等原因导致家庭经济困难"),
    ("钱物", "及时分配或者使用募得款物"),
    ("怀孕", "孕期、哺乳期的女职工"), ("女工", "孕期、哺乳期的女职工"), ("体检", "上岗前职业健康检查"),
    ("小孩子", "十四周岁以下未成年人燃放烟花爆竹的"), ("牌子", "擦亮“应急先锋·安全卫士”党建品牌"),
    ("吸取", "深刻汲取包钢板材厂爆炸事故教训"), ("盯着", "加强对本规划实施情况的跟踪分析和监督检查")])
def test_spoken_words_of_workers_and_residents_as_laws_write_them(said, written):
    from rag.evidence import QueryTerms, _alternatives

    assert QueryTerms({said: 1.0}, _alternatives()).coverage(written) == 1.0
    assert QueryTerms({said: 1.0}).coverage(written) == 0.0  # without the table the word is not found


@pytest.mark.parametrize("text, figure", [("提前转移避险197万余人次", "197万余人次"), ("建成10余个", "10余个"),
                                          ("培训200多人", "200多人"), ("新增150个", "150个"), ("5%以上", "5%以上")])
def test_an_approximate_figure_keeps_its_yu_or_duo(text, figure):
    assert R.FIGURE.findall(text) == [figure]


@pytest.mark.parametrize("said, written", [
    ("不了", "不能当场消除的，应当制定整改措施"), ("没法", "不能确保的，应当采取临时关停措施"),
    ("保证", "不能确保的"), ("保险", "参与投保安全生产责任险"), ("保险", "推进巨灾险试点"),
    ("客车", "从事客运经营的驾驶人员"), ("货车", "从事货运经营的"), ("外省", "审批危险废物跨省转移"),
    ("超员", "不得超过核定的人数"), ("避险", "规范应急避难场所建设"), ("地方", "应急避难场所"),
    ("混在一起", "危险废物和非危险废物混合且不能分离的"), ("分不开", "混合且不能分离的"),
    ("回过头来", "加快推进台风复盘工作"), ("厉害", "制订极端天气细则"), ("停下来", "“六停(停工、停业)”"),
    ("最大", "年龄不超过60周岁"),
    ("至少", "每年不少于一次"), ("最低", "不低于90%")])
def test_unable_and_insurance_as_statutes_and_plans_write_them(said, written):
    from rag.evidence import QueryTerms, _alternatives

    assert QueryTerms({said: 1.0}, _alternatives()).coverage(written) == 1.0
    assert QueryTerms({said: 1.0}).coverage(written) == 0.0


@pytest.mark.parametrize("term, text, named", [
    ("交通部门", "向设区的市级人民政府交通运输主管部门提出申请", True),
    ("环保部门", "由县级以上人民政府环境保护行政主管部门责令改正", True),
    ("消防部门", "由消防救援机构责令改正", True),
    ("公安部门", "由公安机关没收", True),
    ("交通部门", "加强交通安全宣传", False),  # the field alone is no body
    ("卫生部门", "由交通运输主管部门", False),
])
def test_a_body_asked_by_its_field_is_named_where_the_statute_writes_its_full_name(term, text, named):
    from rag.evidence import body_named

    assert body_named(term, text) == named


@pytest.mark.parametrize("said, written", [
    ("几天内报上去", "几天内上报"), ("文件发下去", "文件下发"), ("从境外运进来", "从境外运入"),
    ("录进去", "录入"), ("看上去不错", "看上去不错"), ("接下来", "接下来"),
    ("推进工作", "推进工作"),  # 进 alone is no complement: 推进 stays
])
def test_a_directional_complement_is_read_in_the_order_it_is_written(said, written):
    from rag.evidence import written_direction

    assert written_direction(said) == written


@pytest.mark.parametrize("question, term, lowered", [
    ("用的是哪几种颜色", "颜色", True), ("分为哪几类企业", "企业", True), ("是什么样颜色", "颜色", True),
    ("新加了哪几个专委会", "专委会", False),  # 个 counts the members of a set the text names
])
def test_a_noun_after_an_asked_kind_is_the_kind_of_answer(question, term, lowered):
    from rag.evidence import query_terms

    w = query_terms(question, lambda w: 5.0).terms.get(term, 0.0)
    assert (w < 5.0) == lowered


@pytest.mark.parametrize("term, text, said", [
    ("分等级", "将企业风险按四色进行评级和分级监管", True), ("评等级", "开展评级", True),
    ("分等级", "分类监管", False), ("救助金", "救助资金", True),  # (the older one-between rule)
])
def test_a_three_character_word_spelled_out_from_a_two_character_one(term, text, said):
    from rag.evidence import QueryTerms

    assert (QueryTerms({term: 1.0}).coverage(text) > 0) == said


@pytest.mark.parametrize("text, figure", [("接续办好15件市级重点民生实事", "15件"), ("聘请3位专家", "3位"),
                                          ("年龄不超过60周岁", "60周岁"),
                                          ("建成10余件", "10余件")])
def test_figures_keep_their_classifier(text, figure):
    assert R.FIGURE.findall(text) == [figure]


@pytest.mark.parametrize("text, counts", [
    ("网格员每两个月巡查", False), ("落实“1+2+3”安全风险管控制度", False),  # a frequency, a quoted name
    ("配备专职网格员300名", True), ("新增150个避灾安置场所", True),
])
def test_a_count_is_not_given_by_a_span_of_time_or_a_quoted_name(text, counts):
    from rag.extractive import _count_figure

    assert _count_figure(text) == counts


@pytest.mark.parametrize("question, framing", [
    ("对那两场大台风，要回过头来干点啥？", "干点"), ("救援队要搞成个啥样子？", "搞成"), ("发现隐患该怎么办", "怎么办"),
])
def test_a_spoken_pro_verb_or_what_to_do_is_no_topic(question, framing):
    from rag.evidence import query_terms

    assert framing not in query_terms(question, lambda w: 5.0).terms


@pytest.mark.parametrize("question, text, said", [
    ("对执法案件网上办理的比例提出了什么要求", "网上办案率不低于90%", True),  # 办理案件 → 办案
    # two words far apart in the question make no contraction (专职…门槛 is no 专门)
    ("要设专职安全管理人员的人数门槛有什么变化", "设置专门机构", False),
    # a "contraction" commoner than the words it would contract is an ordinary word (地震+方面: 地方)
    ("地震方面的内容有哪些？", "由市级部门和地方共同实施", False),
])
def test_a_topic_contracted_with_a_word_of_its_phrase(question, text, said):
    from rag.evidence import query_terms

    qt = query_terms(question, lambda w: 9.0 if w == "\x00" else 4.0, texts=text)
    anchor = qt.anchor
    assert anchor and qt.present(anchor, text) == said


@pytest.mark.parametrize("question, added, not_added", [
    ("哪些地方不准放鞭炮", "地点", ""), ("地方性法规对此有何规定", "", "场所"), ("地方人民政府负责什么", "", "场所"),
    ("危化品企业的应急预案公布后多久备案", "危险化学品", ""),
])
def test_everyday_words_expand_the_search_once_and_only_in_their_sense(question, added, not_added):
    from rag.query import expand

    out = expand(question)
    extra = out[len(question):].split()
    assert len(extra) == len(set(extra))
    assert (not added or added in extra) and (not not_added or not_added not in extra)


def test_a_provision_on_the_paragraph_before_reads_it_as_its_context():
    from planqa.records import DocMeta
    from rag.evidence import query_terms, score_sentences
    from rag.retriever import Passage
    from ingest.chunking import Chunk

    text = ("第三十四条 道路运输车辆运输旅客的，不得超过核定的人数，不得违反规定载货。\n\n"
            "违反前款规定的，由公安机关交通管理部门依照《中华人民共和国道路交通安全法》的有关规定进行处罚。")
    meta = DocMeta(title="中华人民共和国道路运输条例", region="全国", doc_type="行政法规")
    chunk = Chunk(id="c1", doc="law.md", text=text, start=0, end=len(text), section="第三十四条", meta=meta,
                  article="第三十四条")
    qt = query_terms("运输旅客超过核定的人数由哪个部门处罚", lambda w: 4.0 if w != "\x00" else 9.0, texts=text)
    best = next(s for s in score_sentences([Passage(chunk, 1.0)], qt, "lead") if "前款" in s.text)
    assert best.coverage >= 0.5  # 旅客, 核定的人数 are said by the paragraph it speaks of


@pytest.mark.parametrize("text, figures", [
    ("每十年至少组织开展一次", ["十年"]), ("应当在接到呼救后三分钟内派出", ["三分钟内"]),
    ("核定载客十二人以下", ["十二人以下"]), ("处二万元以上十万元以下罚款", ["二万元以上", "十万元以下"]),
    ("第三年", []), ("开展一次", []), ("打造一个平台", []), ("万家灯火", []), ("十一个", ["十一个"]),
])
def test_figures_in_chinese_numerals(text, figures):
    assert [m.group(0) for m in R.CN_FIGURE.finditer(text)] == figures


@pytest.mark.parametrize("text, clock", [
    ("正月初二至十五每日的七时至二十四时，可以燃放烟花爆竹", True),  # a law, in words
    ("每日12时至16时停止户外露天作业", True), ("营业时间为8:30至17:00", True), ("晚上十时以后", True),
    # a span, a moment, a time word and a count are no clock time
    ("接到预警信号后应当在2小时内报告", False), ("同时", False), ("一时难以恢复", False), ("及时发布预警", False),
    ("临时避难场所", False), ("时间节点", False), ("第十一时期", False),
])
def test_clock_time(text, clock):
    assert bool(R.CLOCK_TIME.search(text)) == clock
    assert not clock or R.DATE_MARK.search(text)  # a clock time answers "何时" too


@pytest.mark.parametrize("text, answers", [
    ("给予举报人五千元奖励", True), ("按照水毁损失的70%补偿", True), ("按罚没款的二倍奖励", True),
    ("处理时间不超过十个工作日", False),
])
def test_an_award_is_an_amount_or_a_share(text, answers):
    form = R.SAME_UNIT["奖补"]
    assert bool(re.search(rf"[\d一二三四五六七八九十百千万.]\s*[余多]?\s*{form}", text)) == answers


@pytest.mark.parametrize("word, phrase", [("按计划", True), ("按照规定", True), ("依据标准", True), ("按钮", False),
                                          ("依法", False), ("根据地", False)])  # 根据地 is a noun
def test_a_preposition_glued_to_its_noun_is_no_topic(word, phrase):
    assert bool(R.PREPOSITION_PHRASE.match(word)) == phrase


@pytest.mark.parametrize("question, asked", [
    ("南通那年说出了事现场处理要守哪四条原则？", [("四", "原则")]), ("五项机制是哪些", [("五", "机制")]),
    ("第三条原则是什么", []), ("新增多少个避难场所", []),
    ("讲究哪几条基本规矩啊？", [("几", "基本规矩")]), ("要守的四条基本规矩是啥?", [("四", "基本规矩")]),
    ("有几条原则", []),  # 几 without 哪 asks a number
])
def test_a_list_asked_by_its_count_and_name(question, asked):
    assert [m.groups() for m in R.ANNOUNCED_COUNT.finditer(question)] == asked


@pytest.mark.parametrize("region, parts", [
    ("上海市、绍兴市", ["上海市", "绍兴市"]), ("上海,绍兴", ["上海", "绍兴"]), ("天津市和平区", ["天津市和平区"]),
    ("浙江省", ["浙江省"]), ("", []),
])
def test_region_list_separator(region, parts):
    from rag.query import caller_regions

    assert caller_regions(region) == parts


@pytest.mark.parametrize("word, spoken", [
    ("撑起来", True), ("追回来", True), ("发下去", True), ("公布出来", True), ("弄坏了", True), ("受了伤", True),
    ("起来", False), ("了解", False), ("救灾物资", False), ("行政拘留", False), ("临床表现", False),
])
def test_spoken_complement(word, spoken):
    assert bool(R.SPOKEN_COMPLEMENT.match(word)) == spoken


@pytest.mark.parametrize("question, asks", [
    ("实训基地建在哪个镇？", True), ("先行区试点放在哪个区", True), ("哪几个区在试点", True), ("在哪个街道", True),
    ("巨灾保险试点在哪个区域开展？", False), ("哪个区别最大", False), ("哪个市的计划提到亚运会", False),
])
def test_place_level_asked(question, asks):
    assert bool(R.PLACE_LEVEL_ASKED.search(question)) == asks


@pytest.mark.parametrize("question, noun", [
    ("投入保障部分要建立什么库？", "库"), ("设了啥中心", "中心"), ("坚持什么方针？", "方针"),
    ("什么时候完成？", None), ("有什么要求？", None), ("是什么样的", None),
])
def test_what_noun_is_the_kind_asked(question, noun):
    m = R.WHAT_NOUN.search(question)
    assert (m.group(1) if m else None) == noun


@pytest.mark.parametrize("question, sentence, reason_asked", [
    ("为啥觉得政府非得跟企业搞应急协同？", "因此,政府部门与企业建立应急协同机制十分重要。", True),
    ("为什么要建立出入库核查制度？", "储存危险化学品的单位应当建立出入库核查制度。", False),
    ("政企协同怎么搞？", "因此,政府部门与企业建立应急协同机制十分重要。", False),
])
def test_a_reason_is_asked_of_a_conclusion(question, sentence, reason_asked):
    assert bool(R.WHY_QUESTION.search(question) and R.CONSEQUENCE_OPENING.match(sentence)) is reason_asked


@pytest.mark.parametrize("question, formal", [
    ("…管理办法去掉“试行”后的正式版，和试行版相比改了什么？", True), ("正式版什么时候出台", True),
    ("试行办法是哪天起施行的？", False),
])
def test_a_formal_version_is_asked(question, formal):
    assert bool(R.FORMAL_VERSION.search(question)) is formal


@pytest.mark.parametrize("text, dated", [("进一步贯彻执行去年出台的应急处置指南", True), ("明年完成验收", True),
                                         ("年度演练计划", False)])
def test_a_relative_year_is_a_date_mark(text, dated):
    assert bool(R.DATE_MARK.search(text)) is dated


@pytest.mark.parametrize("sentence, nxt, goes_on", [
    # a law: the body the sentence named opens the next one
    ("应当征求地震工作主管部门的意见。", "地震工作主管部门应当自收到材料之日起15日内提出意见。", True),
    # a plan: another subject
    ("市应急管理局牵头开展专项整治。", "各县（市、区）应当于6月底前完成自查。", False),
    # a report: no modal after the opening words
    ("全省新增应急避难场所。", "全省应急避难场所达到1200个。", False),
])
def test_a_provision_goes_on_about_the_body_it_named(sentence, nxt, goes_on):
    m = R.GOES_ON_SUBJECT.match(nxt)
    assert bool(m and len(m.group(1)) >= 4 and m.group(1) in sentence) is goes_on


@pytest.mark.parametrize("question, text, answers", [
    ("应急预案多长时间要演练一次？", "应当定期组织预案演练，演练的周期应当在预案中明确规定。", True),
    ("多久检测一次？", "检测周期由省人民政府另行规定。", True),
    ("“黑名单”企业要公示多长时间？", "定期进行公示,及时公布联合惩戒和“黑名单”的企业信息。", False),
    ("多久巡查一次？", "每季度巡查一次。", False),  # (a figure: gives_span, not this rule)
])
def test_a_period_left_to_another_text_answers_how_often(question, text, answers):
    deferred = R.DEFERRED_SPAN.search(text) or R.FREQUENCY_ASKED.search(question) and R.PERIODIC.search(text)
    assert bool(deferred) is answers


@pytest.mark.parametrize("question, size, kind", [
    ("治本攻坚三年行动的八大行动是哪八个？", "八", "行动"), ("三大体系建设包括哪些", "三", "体系"),
    ("“六大工程”分别是什么", "六", "工程"), ("八大行动进展如何", None, None), ("安全生产大检查有哪些", None, None),
])
def test_a_set_named_by_its_size_is_asked_for_its_members(question, size, kind):
    m = R.COUNTED_SET_ASKED.search(question)
    assert (m.group(1), m.group(2)) == (size, kind) if size else m is None


@pytest.mark.parametrize("question, parts", [
    ("专项规划要纳进啥、还要建哪两个库？", 2), ("由谁划定，又由谁公告？", 2),
    ("绍兴要建场所，还要培训多少人？", 2),  # (split here; the first part asks nothing and is not a clause)
    ("哪些单位、哪些人员要参加？", 1),
])
def test_a_second_question_joined_by_hai_or_you(question, parts):
    assert len([p for p in R.QUESTION_CLAUSE_END.split(question) if p.strip("？?")]) == parts


@pytest.mark.parametrize("rest, defines", [
    ("具体叫啥？", True), ("到底查的是啥？", True), ("具体是哪四样碰一块？", True),
    ("先拿哪个园区试？", False), ("是什么时候提出的", False),
])
def test_what_a_name_covers_is_asked(rest, defines):
    assert bool(R.DEFINE_QUESTION.match(rest)) is defines


@pytest.mark.parametrize("question, local", [
    ("石家庄市有没有防灾减灾救灾方面的地方性法规？", True), ("杭州市里自己的条例怎么规定", True),
    ("石家庄今年GDP增长多少", False), ("按国务院安全生产条例，石家庄的企业…", False),
])
def test_a_places_own_regulations_are_asked(question, local):
    assert bool(R.LOCAL_LAW_ASKED.search(question)) is local


@pytest.mark.parametrize("clause, asks_figure", [
    ("抽查了多少家企业", True), ("反馈了几项问题", True), ("在哪里建", False), ("改造多少个？", False),
])
def test_a_figure_is_asked(clause, asks_figure):
    assert bool(R.FIGURE_ASKED.search(clause)) is asks_figure
