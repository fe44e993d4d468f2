"""The rules of the language and the genre that planqa reads Chinese text and questions by.

One place for them: ingest (structure), answers (query understanding, evidence, extractive
answers) and drafting use these, and tests/test_rules.py has a table of cases for each. Every rule
is named and says in one line why it holds. Rules fitted to particular questions do not belong
here: a rule must hold for a law, a government work report and another province's plan alike.
Tunable numbers are in ``Weights`` (one frozen record, passed in, swept by ``planqa eval --weights``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from enum import Enum

# === numerals and heading markers ===========================================================
# Chinese numerals as headings write them (两 and 〇 included: "第一百零二条", "两项")
CN_NUMERALS = "一二三四五六七八九十百零〇两"
# circled numbers number sub-items (①–⑳) in plans
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# the heading levels of Chinese official documents, highest first: 第X章 > 第X节 > 一、 > (一) > 1. > 一是 > ①
HEADING_MARKERS: list[tuple[int, str, re.Pattern[str]]] = [
    (0, "chapter", re.compile(rf"第[{CN_NUMERALS}\d]{{1,3}}章")),
    (1, "part", re.compile(rf"第[{CN_NUMERALS}\d]{{1,3}}节")),
    (2, "cn", re.compile(rf"[{CN_NUMERALS}]{{1,3}}、")),
    (3, "paren", re.compile(rf"[(（][{CN_NUMERALS}]{{1,3}}[)）]")),
    (4, "arabic", re.compile(r"\d{1,2}(?:[.．](?!\d)|、)")),  # "1." but not "1.5"
    (5, "shi", re.compile(rf"[{CN_NUMERALS}]{{1,3}}是(?=[\u4e00-\u9fff])")),  # "一是…二是…" runs
    (6, "circled", re.compile(rf"[{CIRCLED}]")),
]
# the marker a sentence may open with (an item's own number is not part of what it says)
HEADING_PREFIX = re.compile(r"^\s*(?:第[一二三四五六七八九十]+[章节]|[一二三四五六七八九十]+、"
                            r"|[(（][一二三四五六七八九十]+[)）]"
                            # a contingency plan's decimal outline ("8.4 预案演练", "5.2.1 启动应急响应")
                            r"|\d{1,2}(?:\.\d{1,2}){1,3}[ \t\u3000]+(?=[\u4e00-\u9fff])"
                            r"|\d{1,2}[.．、]|[一二三四五六七八九十]+是|[①-⑩])")
# items of an enumeration that a sentence ending in "：" announces: ①, 一是, and a law's (一) 项
# (a law's ordinal classes are items too: "第一类：可作为化学武器的化学品；第二类：…")
ENUM_ITEM = re.compile(r"^\s*(?:[①-⑳]|[一二三四五六七八九十]+是|[(（][一二三四五六七八九十]+[)）]"
                       r"|第[一二三四五六七八九十]+[类级][：:])")
# the first item of a run ("一是", "①", "(一)"): a run that starts right after a sentence spells it out
FIRST_ITEM = re.compile(r"^\s*(?:①|一是|[(（]一[)）]|第一[类级][：:])")
# a paragraph opened by a sentence this short ("提高防灾减灾能力。") is a topic and its measures
TOPIC_SENTENCE_MAX = 20
# a plan's or report's review written as run-in heads, each a short state sentence and then what it
# means ("应急管理协同需要加强。…职责存在交叉缺位…", "应急管理科技水平稳步提升。…初步建立…数据资源库"):
# a PDF scrape that lost its bold and line breaks leaves only this form to tell the head by
REVIEW_HEAD = re.compile(r"^[\u4e00-\u9fff“”、和与及]{2,14}(?:"
                         r"(?:需要|有待|亟待|亟需|仍需|还需)(?:进一步)?(?:加强|完善|强化|提升|优化|提高|健全|增强)"
                         r"|(?:稳步|持续|明显|显著|不断|全面|大幅|有效|进一步)(?:提升|增强|提高|改善|加强|完善|推进|好转|深化|夯实|壮大))"
                         r"[。；;]?$")
# "安全生产方面:" — a plan's labelled parts of one list
LABELLED_PART = re.compile(r"^\s*([\u4e00-\u9fff]{2,10}(?:方面|领域|工作|目标))[:：]")

# === sentences, figures and dates ===========================================================
# "引起森林火灾的罚多少" is not answered by "未引起森林火灾的…处一百元以上罚款": 未/没有 before a condition
# turns it into the opposite one (不 is left out: "不超过100平方米" still gives the threshold asked)
NEGATED_BEFORE = r"(?:未|没有)"
# the question's own negation of a word ("没取得许可证", "不戴安全帽"): then the text's 未 agrees with it
ASKED_NEGATED_BEFORE = r"(?:未|没有?|不|无|非)"
# a sentence's clauses, split at its commas, semicolons and colons: a figure counts what its own clause names
CLAUSE_SPLIT = re.compile(r"[，,；;：:。]")
# sentences end at 。；！？ and at a line end; ① opens a new one (sub-items run inline)
SENTENCE_SPLIT = re.compile(r"[^。；！？!?;\n①②③④⑤⑥⑦⑧⑨⑩]+[。；！？!?;]?"
                            r"|[①②③④⑤⑥⑦⑧⑨⑩][^。；！？!?;\n①②③④⑤⑥⑦⑧⑨⑩]*[。；！？!?;]?")
# a law's provision runs to its full stop: "…未按规定组织演练的，责令限期改正；逾期未改正的，处一千元以上一万元
# 以下罚款。" — the clauses after a 分号 are the same provision's conditions and penalties
PROVISION_SPLIT = re.compile(r"[^。！？!?\n]+[。！？!?]?")
# a figure: digits, or a Chinese numeral with a measure word ("三支", "五万")
# (laws write their figures in Chinese numerals: "两个以上", "三十日内", "五万元", "百分之二")
# rounds as a unit ("两轮督导核查", "9轮强降雨"), not the wheels of a vehicle (三轮车)
ROUNDS = r"轮(?![车胎椅])"
FIGURE_MARK = re.compile(r"\d|百分之|[一二两三四五六七八九十百千万]+(?:个|项|名|家|支|次|万|亿|%|‰"
                         r"|日|天|小时|学时|周|元|人|倍|公顷|亩|吨|米|公里|座|处|户|台|套|枚|架|辆|艘"
                         r"|(?<!新一)" + ROUNDS +  # rounds: "两轮核查" (not 新一轮)
                         # rounds ("二百发"), not the 发 of a verb after 一 or a numeral ("统一发布", "三发展")
                         r"|(?<!一)发(?![布生展现出放动挥起行表达送射明掘售证包票文病作火热电言声力源件扬育酵觉改])"
                         # "保存一年" is a duration; "三年平均值", "一年来", "三年行动" name a period
                         r"|年(?!来|以来|平均|行动|攻坚|规划|计划|发展|专项))")
# "提高到一个新的层次", "建设一支…队伍", "一项重要任务": a lone 一 and its classifier is the indefinite
# article, not a count (a count of one is written 1个, as part of a numeral: 十一个, or after a limit or a
# distributive: 至少一支, 只一个, 各一名; 每一个 is "every", 第一个 an ordinal: neither counts; 前一个月
# is a span of one month, as laws write it)
INDEFINITE_ONE = re.compile(r"(?<![\d一二两三四五六七八九十百千万只仅各])(?<!至少)(?<!最少)(?<!少于)(?<!多于)"
                            r"一(?:个|支|项)(?!月|星期|小时|钟头|工作日|季度|周|年度|潜伏期)")  # (一个月: a span)
# a year ("2025年", "2019—2021") or a date is when, not how many
YEAR_OR_DATE = re.compile(r"(?:19|20)\d{2}(?:\s*[—–-]\s*(?:19|20)?\d{2})?\s*年?|\d{1,2}月(?:\d{1,2}日)?")
# what a deadline is written with
# a clock time: "七时至二十四时", "12时", "8:30" (not 小时, 时间, 时期; in words only beside a bound:
# "一时" alone is "for a moment")
_CLOCK = (r"(?<![\d.小])\d{1,2}\s*(?:时|点钟)(?![间期代候段刻效])|(?<![\d.])\d{1,2}\s*[:：]\s*\d{2}(?!\d)"
          r"|(?<=[至到日])[零一二三四五六七八九十]{1,3}时|[零一二三四五六七八九十]{1,3}时(?=\s*(?:至|到|起|前|后|以[前后]))")
CLOCK_TIME = re.compile(_CLOCK)
# a question asking a clock time ("每天几点到几点", "几点钟"; "哪几点要求" is a list): only one answers
CLOCK_QUESTION = re.compile(r"(?<!哪)几点(?:钟|到|至|以后|以前|之前|前|后|开始|结束|起)")
DATE_MARK = re.compile(r"\d{1,2}月|[一二三四五六七八九十]{1,2}月|年底|年内|前完成|季度|上半年|下半年|月底|\d{4}年"
                       r"|去年|前年|明年"  # a year said relative to the document's ("去年出台的应急处置指南")
                       # a named day written as its date: “5.12”全国防灾减灾日, "11·9"消防日
                       r"|(?<![\d.])\d{1,2}[.．·]\d{1,2}[”\"]?(?=[\u4e00-\u9fff]{1,10}日)"
                       r"|(?:19|20)\d{2}\s*[-—–~～至]\s*(?:19|20)\d{2}"  # a period: "规划(2022-2035)"
                       r"|" + _CLOCK)
# the figure itself, with its unit and qualifier ("150个", "0.8‰以内", "5%以上")
# a range is one figure ("4.5%—5%", "3-5个"); a year range ("2021—2025年") is a period, not a figure
FIGURE = re.compile(r"(?:(?:(?<!\d)\d{1,3}(?:\.\d+)?\s*[%‰]?\s*[—–~～-]\s*(?=\d))?\d+(?:\.\d+)?\s*"
                    r"(?:%|‰|万亿|万|亿)?(?:余|多(?=[个项名家支次座处条所人户台套场辆艘间元吨亩件位张层份批]))?\s*"
                    r"(?:个月|个工作日|工作日|个小时|周岁|岁|个|项|名|家|支|次|座|处|条|所|人次|人|户|台|套|场|件|位|张|层|份|批|"
                    + ROUNDS + r"|期|届|平方公里|平方米|立方米|公里|千米|米|小时"
                    r"|学时|分钟|天|日|周|年|倍|元|公顷|亩|吨|斤|千瓦|辆|艘|间)?"
                    r"(?:以上|以下|以内|左右|内(?![容部外地]))?)")
# a figure written in Chinese numerals, as laws write every figure ("每十年", "三分钟内", "核定载客十二人"):
# a numeral (not 万/千 alone: 万家, 千方百计), then a unit; not an ordinal (第三年) nor a lone 一 with its
# classifier (一次, 一个: the indefinite article or a frequency)
CN_FIGURE = re.compile(r"(?<![第\d零〇一二两三四五六七八九十百千万])"
                       r"(?!一(?:个|次|项|名|家|支|座|处|所|人|户|台|套|场|件|位|张|层|份|批|辆|艘|间|发|枚|门|架|只|部|具)"
                       r"(?![零〇一二两三四五六七八九十百千万]))"
                       r"[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*"
                       r"(?:个月|个工作日|个小时|工作日|周岁|岁|个|项|名|家|支|次|座|处|所|人次|人|户|台|套|场|件|位|张|层|份|批|"
                       + ROUNDS + r"|期|届"
                       r"|平方公里|平方米|立方米|公里|千米|米|小时|学时|分钟|天|日|周|年|倍|万元|亿元|元|公顷|亩|吨|千瓦|辆|艘|间"
                       r"|发|枚|架|具)"  # (rounds and pieces: "炮弹不得超过二百发", "火箭弹五十枚")
                       r"(?:以上|以下|以内|内|左右)?")
# "燃气主管部门是哪个部门", "消防工作的主管部门是谁": a body is asked by the role it holds; laws name it
# with "…是本市的燃气主管部门" (the role after 是)
IDENTITY_QUESTION = re.compile(r"([\u4e00-\u9fff]{2,12}?(?:主管部门|主管机关|管理部门|监督管理部门|行政机关))"
                               r"(?:到底|究竟)?是(?:哪个|哪一个|哪家|什么|谁|啥)")
# the deadline itself ("6月底前", "年内")
WHEN = re.compile(r"(?:\d{4}年)?(?:\d{1,2}月(?:\d{1,2}日)?(?:底)?|年底|年内|上半年|下半年|\d季度)(?:前|以前|之前)?")
# "《…实施意见》是哪个部门、哪一年印发的": the issuer or date of a document a held one only cites
CITED_FACT_ASKED = re.compile(r"(?:哪个|什么|哪一级|哪些)(?:部门|单位|机关)[^，。？?]{0,6}(?:印发|发布|出台|制定|下发)"
                              r"|哪一?年[^，。？?]{0,4}(?:印发|发布|出台|下发)|什么时候(?:印发|发布|出台|下发)")
# "那个X市到底是哪个城市": who an anonymised place (X市, A县) is, which its document never says
ANONYMISED_PLACE = re.compile(r"(?<![A-Za-z])[A-Z]{1,2}(?:省|市|县|区)")
PLACE_IDENTITY_ASKED = re.compile(r"(?:是|指|叫)(?:哪个|哪一个|哪座|什么|啥)(?:城市|市|地方|县|区|省)|是哪里|在哪个省")
# "是赶着啥时候一起搞的", "趁什么时候": the occasion a thing is done with is asked, which a plan writes as
# "结合复工复产…", "利用…之机", "…期间" rather than as a date
OCCASION_ASKED = re.compile(r"赶着|趁着?|结合|一起|一块|同时")
OCCASION = re.compile(r"结合(?!实际|本地|本单位)[\u4e00-\u9fff]{2,10}|(?:借助|利用|趁)[^，。；]{2,10}(?:之机|契机)"
                      r"|[\u4e00-\u9fff]{2,8}(?:期间|之际)")
# "多久", "多长时间", "提前多久": a span of time is asked for, in whatever unit the text gives it
# ("有效期是多长": a period's length; "处几日拘留": days counted, not a date — 几月几日 is one)
# "通行证的有效期是多长", "保存期多久": the span of a named period is asked; only a sentence naming that
# period gives it (the approval's "七个工作日内" is another span)
# (an adverb of degree may stand between: "临震应急期一般多长", "保存期最长多久")
_PERIOD_ADVERB = r"(?:一般|通常|大概|大约|大致|最长|最短|最多|至少|最少)?"
ASKED_PERIOD = re.compile(r"([\u4e00-\u9fff]{1,2}(?<![时初后长近同预定短中前学到逾])期)(?:限)?" + _PERIOD_ADVERB
                          + r"(?:是|为|有)?(?:多|几)")
ASKED_DURATION = re.compile(r"多久|多长时间|多少时间|多长期限|多少个?工作日|期(?:限)?" + _PERIOD_ADVERB
                            + r"(?:是|为|有)?多长|(?<![月])几日")
# how a text gives a span of time or a frequency: "三十日内", "2小时", "期满前3个月", "每季度", "每两个月"
TIME_SPAN = re.compile(r"[\d一二三四五六七八九十百两半]+\s*(?:个)?(?:分钟|秒|小时|工作日|日|天|周|个月|月|年)(?!\d)"
                       # (每双月/每双周: every second month or week)
                       r"|每(?:个|一)?(?:[\d一二三四五六七八九十两半]+个?|双)?(?:小时|日|天|周|月|季度|学年|年|学期|工作日"
                       r"|班(?![级组长子主车]))")  # (每班: each shift)
# "几位一体", "第几个五年规划", "分为几级": 几 stands for the numeral of a set phrase the text writes with
# its own numeral ("五位一体", "第一个五年规划"); the frame is what follows 几, up to a particle or a stop
ASKED_NUMERAL_FRAME = re.compile(r"(第)?几([\u4e00-\u9fff]{1,6}?)(?=[吗呢啊呀了的？?，,。！!、\s]|是|$)")
# …or runs on into the verb with no stop ("盯的是几项制度落没落实"): its counter and the nouns after it are the frame
ASKED_NUMERAL_RUN = re.compile(r"(第)?几([\u4e00-\u9fff]{2,10})")
# "点名要配几样", "要优化几块的考核指标": how many things, with no noun of their own — the text lists them
# without counting ("制式服装、执法装备、执法车辆"): the list is the answer (几项制度 counts 制度: a figure)
COUNT_OF_THINGS = re.compile(r"(?<![哪第])几(?:样|块|类|种|个?方面|件)(?=东西|事|的|[？?，,。吗呢啊呀]|$)")
NUMERAL = r"[\d零〇一二两三四五六七八九十百千]+"
# "多少亿元", "几名": a unit that says what kind of figure answers (个/项 say too little to decide)
# units that name the same quantity: "几天" is answered by "5日内", "多少小时" by "2小时"
# ("多少天内" is answered by "15个工作日内": working days are days)
SAME_UNIT = {"天": "(?:天|日|个?工作日)", "日": "(?:天|日|个?工作日)", "个月": "(?:个月|月)", "年": "(?:年|周年)",
             "人": "(?:人|名)", "名": "(?:名|人)",
             "元": "(?:多|余)?(?:万|亿)?元",
             # a quantity asked by its name is answered in the units it is measured in
             "速度": "(?:公里|千米|节)", "长度": "(?:米|公里|千米)", "面积": "(?:平方米|平方公里|亩|公顷)",
             "重量": "(?:吨|千克|公斤|克)",
             "奖补": "(?:(?:多|余)?(?:万|亿)?元|%|‰|倍|成)"}
# "最高时速是多少", "限高多少": the quantity a question names says what a figure must measure
# (a figure in another unit, "载物高度1.5米" for 时速, answers something else)
ASKED_MEASURE = re.compile(r"(时速|车速|航速|速度|限速|高度|限高|深度|宽度|长度|距离|间距|面积|重量|载重|质量)"
                           r"[^，。？?]{0,6}(?:多少|几|多高|多快|多远|多宽|多深|多大|多重)"
                           # "最高能开多快", "离管道中心线多远"
                           r"|(?:开|跑|行驶|驶|离|距|隔|相距|间隔)[^，。？?]{0,8}?多(快|远)")
MEASURE_OF = {"时速": "速度", "车速": "速度", "航速": "速度", "速度": "速度", "限速": "速度", "高度": "长度",
              "限高": "长度", "深度": "长度", "宽度": "长度", "长度": "长度", "距离": "长度", "间距": "长度",
              "面积": "面积", "重量": "重量", "载重": "重量", "质量": "重量", "快": "速度", "远": "长度"}
# "投入多少资金", "预算是多少", "要花多少钱": an amount of money is asked for; only a figure in 元 answers
# "举报能拿多少奖励", "补偿多少": an award is an amount, a share or a multiple ("罚没款的10%", "二倍")
ASKED_AWARD = re.compile(r"(?:奖励|奖金|补偿|赔偿|抚恤金?)[^，。？?]{0,6}(?:多少|几)"
                         r"|(?:多少|几)[^，。？?]{0,3}(?:奖励|奖金|补偿|赔偿|抚恤)")
ASKED_MONEY = re.compile(r"(?:资金|钱|经费|投资|投入|预算|费用|补贴|补助)[^，。？?]{0,6}(?:多少|几)"
                         # (手续费; "多少行政审批费": a fee's name may run to several words)
                         r"|(?:多少|几)[^，。？?]{0,6}?(?:资金|钱|经费|投资|预算|费用|费(?![心力时劲]))")
# "每平方米收多少钱", "每人补助多少": a rate is asked for; only a figure per that unit answers
# ("每平方米…元", "元/平方米")
ASKED_RATE = re.compile(r"每(?:个|一)?(平方米|立方米|平米|吨|人|户|亩|公顷|公里|千米|米|千克|公斤|件|台|次|座|家|间)"
                        r"[^，。？?]{0,8}(?:多少|几)")
ASKED_UNIT = re.compile(r"(?:多少|几)(亿元|万元|元|亿|万人|人次|人|名|公里|千米|米|小时|分钟|天|吨|平方米|亩|公顷"
                        r"|倍|户|家|座|支|所|学时"  # ("多少学时" is not answered by 6个月)
                        r"|次)"  # ("不少于几次" is not answered by 中央八项规定)
                        # "一共有多少种": kinds counted (not "分几种颜色", answered by the colours listed)
                        r"|多少(种|类)")
# units of measure a figure is written in: "几分钟能赶到" is answered by "5分钟救援圈", so the unit asked
# for is a word the answer shares (counters such as 个/人/家 are not: every figure has one)
MEASURE_UNITS = frozenset("亿元 万元 人次 公里 千米 小时 分钟 吨 平方米 亩 公顷".split())

# === who leads ==============================================================================
# the phrases that name who leads in plans and laws: 牵头, 负责, 由…负责, 发挥…作用
LEAD = re.compile(r"牵头|负责|会同|由[^，。；]{1,20}(?:负责|牵头|组织|承担)|发挥[^，。；]{1,24}作用|主抓|统筹协调|督促"
                  r"|负(?:总|全面|主要)责|负全面责任")  # "由总承包单位对…负总责", "营运单位对核安全负全面责任"
# the item marker a plan's sentence may open with ("①", "3.", "(二)", "一是"), before its subject or verb
ITEM_MARKER = r"^(?:[①-⑩]|\d{1,2}[.．、]|[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+是)?\s*"
# a sentence's subject when it names a body: "市应急局牵头…" (a work plan's sentences mostly have none)
LEAD_SUBJECT = re.compile(ITEM_MARKER +
                          # a verb first ("发挥…作用", "会同…") means the sentence has no body as its subject
                          r"(?!发挥|统筹|会同|由|按照|推动|组织|指导|配合|协助|督促|支持|依托)"
                          # (no 由/向/对 inside: "山洪预警由水行政主管部门发布" has 水行政主管部门 after 由, no subject)
                          r"((?:(?![由向对])[\u4e00-\u9fffA-Z]){1,12}?(?:办公室|局|委|办|厅|部门|政府|中心|支队|委员会|专委会|指挥部)"
                          # (nor before 的: "海上搜救中心的日常工作由海事管理机构负责" — a possessor is no subject)
                          r"(?:办公室|办|会)?)(?!的|办|会|公室)")
# "②组织第三方开展明查暗访", "推动各镇（区）制定属地落实方案": the plan's bureau has another body do
# the task — that body does it (asked "由谁来开展"), the bureau organises it
LEAD_CAUSED = re.compile(ITEM_MARKER +
                         r"((?:推动|组织|指导|督促|引导|动员|委托)+)"
                         r"((?!开展|制定|建立|实施|编制|落实|完成|组建)[\u4e00-\u9fff、\d]{0,12}?"
                         r"(?:局|委|办|厅|部门|政府|中心|支队|委员会|专委会|指挥部|单位|企业|机构|第三方|乡镇|镇|街道|社区|村"
                         r"|队伍|学校|协会|专家|公司|园区)(?:（区）|\(区\))?)"
                         r"(?:分别|各自|全面|认真|依法|及时)?(开展|制定|建立|实施|编制|落实|完成|组建)")
# "会同市消防支队研究…": the plan's bureau acts together with that body
LEAD_WITH = re.compile(ITEM_MARKER + r"会同"
                       r"([\u4e00-\u9fff、]{2,20}?(?:局|委|办|厅|部门|政府|中心|支队|委员会|指挥部|机构))")
# "跟哪几个部门做信息衔接", "要与谁协同": the bodies it works with are asked, not who leads; the
# sentence names them after 与/同/会同 ("加强与公安、消防、卫健等部门信息对接")
# a body asked who leads it ("增设的特种设备专业委员会，由哪个部门牵头"): a sentence whose only leader is
# that body itself ("发挥好专业委员会作用") names it without saying who leads it
LED_BODY_ASKED = re.compile(r"([\u4e00-\u9fff]{2,20}?(?:委员会|专委会|指挥部|领导小组|工作组|小组|办公室|联席会议))"
                            r"[，,]?(?:具体)?(?:是|应|应当|将|要)?(?:(?:由|归)(?:哪个|哪些|哪家|什么|谁)"
                            r"|的?(?:牵头|主管|负责|组建)(?:部门|单位|机构)?是(?:哪|谁|什么))")
PARTNER_QUESTION = re.compile(r"(?:跟|与|同|和|会同)(?:哪|谁)")
PARTNER_SENTENCE = re.compile(r"(?:与|同|会同)((?:[\u4e00-\u9fff]{1,12}[、，,])*[\u4e00-\u9fff]{1,12}?"
                              r"(?:部门|单位|机构|机关|局|委|办|厅|政府|中心|支队|委员会|指挥部))")

# "由县级人民政府批准", "由防汛指挥机构责令…": the body a clause hands the task to
LEAD_BY = re.compile(r"由([\u4e00-\u9fff、（）()]{2,30}?"
                     r"(?:政府|部门|机构|机关|委员会|指挥部|单位|局|厅|委|办|中心|组织))"
                     r"(?:会同[^，。；]{2,20})?(?:负责|牵头|组织|承担|批准|审批|审查|划定|决定|发布|宣布|核发|办理|确定|责令|公告"
                     r"|(?:具体)?实施)")
# "充分发挥区应急管理事务中心的牵头抓总作用": the body whose role is named leads
# "在区委、区政府的坚强领导下，各乡镇…狠抓落实": a review names who led the work it looks back on
# (a report: "根本在于以习近平同志为核心的党中央坚强领导")
LEAD_UNDER = re.compile(r"在(?:于)?([\u4e00-\u9fff、]{2,30}?)的?(?:坚强|正确|统一|直接|有力)?领导(?:下|[，,。；])")
# ("发挥好专业委员会作用": 好 is the verb's complement, not the body's first character)
LEAD_ROLE = re.compile(r"发挥(?:好|出)?([\u4e00-\u9fff、]{2,40}"
                       r"(?:委员会|专委会|委会|指挥部|部门|政府|中心|支队|机构|小组|办公室|局|委|办|厅)(?:办公室|办)?)的?"
                       r"[\u4e00-\u9fff“”]{0,10}作用")
# a law's sentence names who must act before 应当/负责/可以: "县级人民政府应当及时划定…"
SUBJECT_BEFORE_DUTY = re.compile(r"(?:^|[，。；：\s])(?:第[一二三四五六七八九十百零〇]+条\s*)?"
                                 r"([\u4e00-\u9fff、]{2,30}?(?:政府|部门|机构|机关|委员会|指挥部|单位|企业|经营者|负责人|局|厅|委|中心))"
                                 r"(?:应当|负责|可以|有权|依法|依照|按照|会同|组织)")
# "应当向所在地县级人民政府公安机关申请…": the body an application or a report goes to ("找哪个部门办")
LEAD_TO = re.compile(r"向(?:所在地|当地)?"
                     r"([\u4e00-\u9fff、]{2,30}?(?:政府|部门|机构|机关|委员会|指挥部|局|厅|委|办|中心))"
                     r"(提出申请|申请|报告|提出|报送|备案|提交|申报|办理|报批|登记)")
# "应当经县级人民政府草原防火主管部门批准", "报市人民政府和北京卫戍区批准": the body that approves
# "提前几天通知": a time before an event, as laws write it ("开工七日前", "鸣放前五日内", "期满前3个月")
IN_ADVANCE = frozenset({"提前", "预先", "事先"})
TIME_BEFORE = re.compile(r"[\d一二三四五六七八九十百两]+个?(?:工作日|日|天|小时|周|月|年)(?:以)?前"
                         r"|前[\d一二三四五六七八九十百两]+个?(?:工作日|日|天|小时|周|月|年)")
LEAD_APPROVAL = re.compile(r"(经|报(?:经|请)?)(国务院|[\u4e00-\u9fff、（）()]{2,30}?"
                           r"(?:政府|部门|机构|机关|委员会|指挥部|局|厅|委|办|中心|卫戍区|军区))"
                           r"(批准|同意|审批|审核|核准|许可)")
# "违反本条例第二十四条规定", "有本法第十九条规定情形之一的": a law's article that names another of its
# own by number means that article's words (its duty, its list of cases) without repeating them
OWN_ARTICLE_REF = re.compile(r"本(?:法|条例|规定|办法|细则|决定)第([一二三四五六七八九十百零〇]+)条")
# a law's article starts a line with 第X条; its items (项) start with (一)
ARTICLE_START = re.compile(r"(?:^|\n)\s*第[一二三四五六七八九十百零〇]+条")
PROVISION_ITEM = re.compile(r"\s*[(（][一二三四五六七八九十]+[)）]")
# "有下列行为之一的，…处…罚款：（一）侵占…的；（二）…": the lead-in means its items
# "指挥长：分管…的副市长", "成员单位：市应急局、…": a line labelled by what it fills in (a plan's roster)
LABELLED_LINE = re.compile(r"^\s*[\u4e00-\u9fff]{2,10}[：:](?=\S)")
LIST_LEAD_IN = re.compile(r"下列[^，。；：]{0,10}之一|下列(?:行为|情形|事项|情况)[：:]")
# "向哪个部门申请", "报给谁", "找哪个部门办": the body an application or a report goes to is asked for
# "靠哪几个办牵头", "有哪些部门参加": several bodies of one kind are asked for; a sentence naming two or
# more of that kind ("市安委办、灾防办、防汛办…") is the list
ASKED_KIND_OF_BODY = re.compile(r"哪(?:几|些)(?:个|家|类)?(办|局|委|部门|单位|机构|机关|中心|组织|委员会)")
# "按啥标准来建", "按什么原则": the criterion is asked for; plans and laws state one as 按照“…”的要求/原则
CRITERION_QUESTION = re.compile(r"按照?(?:什么|啥|哪些|哪种|何种|怎样的)(?:标准|要求|原则|规定|思路)")
CRITERION_SENTENCE = re.compile(r"按照?.{0,2}“[^”]{2,40}”[^，。；,;]{0,4}(?:要求|标准|原则|思路)"
                                r"|按照[^，。；,;]{2,30}?的?(?:要求|标准|原则)")
RECIPIENT_QUESTION = re.compile(r"向(?:哪个|哪些|哪一?级|哪|谁)|报给谁|报(?:告)?给哪|交给谁|找哪个|报谁"
                                # "要经谁批准", "由哪个部门审批": the approving body, "经…批准" in the text
                                r"|(?:谁|哪个[^，。？?]{0,6}?|哪一?级[^，。？?]{0,6}?)(?:来)?(?:批准|审批|核准|同意)")
# "饭店、餐馆这类用燃气的单位": things listed before 这类/之类 are examples of the kind named after them,
# the asker's instances, not words the text must write (it writes 餐饮等行业)
EXAMPLES_OF_KIND = re.compile(r"([^\W\d_对的把像如将给在与和或、]{1,8}(?:、|和|或|或者)[\u4e00-\u9fff、和或]{1,20}?)"
                              # (…这些: "汽油、炸药这些易燃易爆的")
                              r"(?:这类|这种|这样的|之类的?|一类|那类|那种|等等|这些|那些)")
# "粮食和棉花的产量目标分别是多少", "GDP增长目标和城镇新增就业目标是多少": two things joined, a figure
# asked of each (the coordinating conjunctions of written Chinese; 、 joins a series)
COORDINATED = re.compile(r"([\u4e00-\u9fffA-Za-z]{2,12})(?:和|与|及|以及|、)([\u4e00-\u9fffA-Za-z]{2,12})")
# "退休了衔还保不保留？要是辞职了呢": a last clause with 呢 asks the first clause's question of another case
FOLLOW_ON_CLAUSE = re.compile(r"[？?，,][^？?，,。]{2,20}呢[？?]?$")
# "2024年和2022年的报告各安排了多少": a figure asked of each of the things named (documents, parts)
EACH_ASKED = re.compile(r"(?:各|分别)[\u4e00-\u9fff]{0,4}?(?:多少|几)")
# "…类和…类各有多少个": 各/分别 distribute the question over what was joined; one figure for both is their sum
DISTRIBUTIVE = re.compile(r"(?:各|分别)(?:是|有|为|要|需要?|达到|定了?|定的是)?(?:多少|几)")
# "分到各区、县（市）各是多少": a figure asked of every member of a class of places or units; a plan's
# total ("新增投保企业3000家") does not give it, a breakdown names each member beside its figure
BREAKDOWN_ASKED = re.compile(r"(?:分到|分配到|落到|摊到|落实到)?(?:各个?|每个|每一个)"
                            r"((?:区|县|市|乡镇|镇|街道|地区|地方|单位|部门|企业|行业|园区)[^，,。？?各分]{0,10}?)"
                            r"(?:各|分别)[\u4e00-\u9fff]{0,3}?(?:多少|几)")
# a breakdown written out: two or more places or units each with its own figure ("越城区150个、柯桥区120个")
BREAKDOWN_GIVEN = re.compile(r"(?:区|县|市|镇|乡|街道|园区|单位|部门)[^，。；,;、]{0,8}?\d")
# "目标定了多少", "预期增长多少", "力争达到": a target is asked for, not what a review says was achieved
TARGET_QUESTION = re.compile(r"目标|预期|力争|计划(?:达到|完成)|要达到"
                             # "今年…有什么部署/安排/打算": this year's tasks, not last year's record
                             r"|(?:有|作了|做了|作出了?)(?:什么|哪些|啥)(?:部署|安排|打算)")
# a sentence that looks back whatever its heading ("生产总值从2020年的3.68万亿元增长到2025年的4.93万亿元",
# "五年来", "过去一年", "初步统计" — statistics are always of a period past): a report's review, never its target
REVIEW_SENTENCE = re.compile(r"从\s*(?:19|20)\d{2}\s*年的?[^，。；]{0,20}(?:增长|提高|提升|增加|下降|减少|降低|扩大)到"
                             r"\s*(?:19|20)\d{2}\s*年|五年来|过去五年|过去一年|一年来|十[一二三四五六七八九]五.{0,2}时期[，,]?我们"
                             r"|初步统计")
# "比“十三五”时期下降44.1%", "五年累计": a figure of five years, not of the one year a question names
# ("2025年…降了多少"); a question about the five years says so (五年, 十四五, 累计)
FIVE_YEAR_SPAN = re.compile(r"[比较][“\"]?十[一二三四五六七八九]五[”\"]?(?:时期|期间)|五年累计|累计[^，。；]{0,6}五年"
                            r"|过去五年|五年来")
FIVE_YEAR_ASKED = re.compile(r"五年|十[一二三四五六七八九]五|累计|时期")
# "这五年", "未来几年", "那份五年规划": the period of the plan asked about, as 今年 is an annual plan's
# year — the plan writes it as its name (“十四五”), so it is the question's frame, not a topic word
# (a bare 五年 stays: "五年内不得担任" is a law's term; 过去五年 is a report's review, below)
PLAN_PERIOD = re.compile(r"(?:这|那|未来|今后|接下来的?)(?:五|5|几)个?年(?:里|内|间|中|期间|当中)?"
                         r"|五年(?=(?:发展)?规划)")
# "过去五年…降了多少": the five years looked back on are asked, their figure first
PAST_FIVE_YEARS = re.compile(r"过去五年|五年来|近五年|这五年来|五年间")
# "怎么罚", "罚多少", "承担什么法律责任": the consequence of breaking a duty is asked for
PENALTY_QUESTION = re.compile(r"罚|处罚|处分|法律责任|追究|后果|怎么处理"
                              # "没做到会怎样", "不上传又能怎么样": the duty left undone — its consequence
                              r"|(?:没|未|不)[\u4e00-\u9fff]{1,6}?(?:会|要|又|能)*(?:怎(?:么)?样|咋样|咋办)")
# "能不能坐电梯送气瓶", "可不可以在禁放区放鞭炮": whether one may — laws say so with 不得/禁止/可以
PERMISSION_QUESTION = re.compile(r"能不能|可不可以|能否|可否|准不准|让不让|允不允许|许不许|是否可以|是否允许"
                                 r"|能[^，。？?]{1,12}吗")
PERMISSION_SENTENCE = re.compile(r"不得|禁止|严禁|不准|不允许|可以|允许|准予")
# "在分析存在问题时…有哪些不足", "回头看“十三五”短板时": the part of a plan the question points at (its
# review of shortcomings) — where to look, not what to find: the frame's words are no topic, and
# passages of that part are preferred (rag/section_roles.py tells them by heading or by their words)
PROBLEM_FRAME = re.compile(r"(?:在|从)?(?:分析|谈到?|讲到?|说到?|提到|梳理|查找|剖析|列举|指出)?(?:的)?"
                           r"(?:当前|目前|现阶段)?"
                           r"[“\"]?(?:存在的?|面临的?)(?:主要|突出)?(?:问题|短板|不足|困难)(?:和不足|与不足|和短板)?[”\"]?"
                           r"(?:时|的时候|部分|那部分|那块|里|中)?"
                           r"|(?:问题|短板|不足)(?:时|的时候|那部分|部分)"
                           # everyday words for a shortcoming ("基层这块毛病在哪")
                           r"|毛病(?:在哪(?:里|儿)?)?|短处")
# "崇明区“十四五”规划", "十四五应急管理规划": a plan's period in its name
PLAN_NAME_PERIOD = re.compile(r"[“\"]?十[一二三四五六七八九]五[”\"]?(?=(?:时期)?(?:[\u4e00-\u9fff]{0,6}?)规划)")
FIVE_YEAR_WORD = re.compile(r"十[一二三四五六七八九]五")
# "回顾“十三五”时…", "回头看十三五…取得了啥": the review of the past period (its achievements); the period
# itself stays a (context) term
ACHIEVEMENT_FRAME = re.compile(r"(?:在)?(?:回顾|回头看|盘点|总结)(?:一下)?"
                               r"(?=[“\"]?十[一二三四五六七八九]五|过去|以往|前几年|(?:19|20)\d{2}年)"
                               r"|(?:回顾|回头看|总结)(?:部分|时|的时候)"
                               # "从哪几个方面总结成效": the review's achievements are asked by their summing-up
                               r"|总结(?:了)?(?:哪些)?(?:成效|成绩)")
# "要点开头说…", "开篇讲…": the opening of a document (its preamble, or its first part) is where to look
# (said after the document, not after a topic: "…核查评估，开头提出的理念" is an item's start)
OPENING_FRAME = re.compile(r"(?<=要点|规划|计划|文件|材料|报告|预案|方案|意见|通知|那份|这份|全文|正文)"
                           r"[，,]?的?一?(?:开头|开篇)(?:部分)?(?:里|中|处|就)?|开宗明义|前言|引言|序言")
# "出一趟车收多少钱", "收费标准是多少": a charge asked for, which no fine answers
CHARGE_QUESTION = re.compile(r"收(?:费|多少|几)|费用|交多少钱|付多少钱|多少钱")
# what a penalty is written with ("处十万元以下的罚款", "吊销许可证", "责令停产停业整顿")
PENALTY_SENTENCE = re.compile(r"罚款|罚金|处罚|拘留|吊销|没收|责令停产|责令停止|责令关闭|取缔|警告"
                              r"|责令(?:限期)?改正")  # (the order to put it right is a law's consequence, too)
# genres that state who acts in each sentence: for them the issuer is never the implied subject
# (a work plan is written in its bureau's voice; a law names the body in every duty)
# (a contingency plan names who does what in each provision, too: "市指挥部办公室设在市应急局")
STATED_SUBJECT_TYPES = frozenset({"法律", "行政法规", "地方性法规", "规章", "应急预案"})

# === question words =========================================================================
# words that shape a question but are not its content
QUESTION_WORDS = frozenset(
    "谁 哪个 哪些 哪里 哪 什么 多少 几 几个 几项 几名 如何 怎样 怎么 是否 吗 呢 由 牵头 负责 部门 单位 今年 明年 去年 "
    "年 年度 要 需要 工作 计划 要点 规划 文件 提到 提出 有 共 一共 总共 全市 本市 我市 全区 时候 何时 说 讲 内容 "
    "哪些方面 做 开展 情况 比较 对比 分别 各 各自 地区 不同 异同 起草 参考 借鉴 表述 已有 "
    "现有 做法 可以 写 叫 叫什么 是 指 包括 之前 以内 期间 安排 部署 举措 怎么样 哪几个 什么样 各有 有何 哪方面 "
    # how long / when / may one: the asker's phrasing of a duration or a permission, not a topic
    "由谁来 由谁 谁来 多长时间 多久 多长 多大 多高 多宽 多深 多重 多远 多快 多少次 段时间 哪段 时间段 时段 哪段时间 "
    "什么时候 能不能 可不可以 是不是 有没有 得去 是从 "
    "每年 当年 那年 当时 "
    # "该怎么办", "咋整": what to do is asked, the provision says it with 应当; they are no topic
    "怎么办 咋办 咋整 怎么弄 咋弄 "
    # "要干点啥", "搞成个啥样子": a spoken pro-verb stands for whatever the text does; it is no predicate
    "干点 做点 搞点 弄点 干啥 做啥 搞啥 弄啥 干嘛 搞成 弄成 整成 样子 "
    # "配东西", "有啥事": a spoken pro-noun stands for whatever the text names; it is no topic
    "东西 事儿 "
    # "现在的救助条例", "还有哪类": the version in force and "what else" are the asker's frame
    "现在 现行 目前 还有 说法 起来 下来 上来 过来 "
    # "现在这个版本是什么时候施行的": the version asked about is the document's, a word no law writes
    "版本 "
    # a definition asked for: the words laws define with shape the question, they are not its topic
    "所称 所说 所指 是指 指的是 定义 "
    # a grading asked for ("按什么标准划分", "怎么分级"): laws grade with 分为…等级, so these only frame it
    "划分 分级 "
    # "侧重点有啥不一样", "差别在哪": how two things differ is the compare's frame; the texts never write it
    "侧重点 侧重 差别 差异 不一样 "
    # "说到底是想…", "究竟是谁": a spoken adverb of insistence frames the question, it is no topic
    "到底 说到底 究竟 归根到底".split()
)
# "能不能", "要不要", "可不可以": a yes-no question's frame, to be cut off before jieba glues its first
# character to the noun before it ("肇事船能不能" → 船能 / 不能)
A_NOT_A = re.compile(r"([能会要可该用需是有准许让])不\1(?:以|要|该)?|有没有")
# "收不收费", "认不认": a verb's own A-not-A asks whether it is done; the verb (with its object) is the
# topic ("收不收费" asks of 收费), not the frame A_NOT_A cuts off
A_NOT_AB = re.compile(r"([\u4e00-\u9fff])(?<![能会要可该用需是有准许让])不\1")
# "明白卡上要写", "地图上要标": jieba's 区别词 上要 is a place word and a modal, never a topic
LOCATIVE_MODAL = re.compile(r"^[上下中里内外前后][要应需得会能可]$")
# "条例对出了事故…": jieba reads 对出 (to match a couplet); a preposition and a one-character verb with
# its aspect particle after them (对 出了, 向 报了) are no word of the topic
PREPOSITION_VERB = re.compile(r"^[对向在把给从跟被将][\u4e00-\u9fff]$")
# "按计划", "依规定": a preposition glued to its noun (jieba's dictionary holds some as nouns) says how, not
# what: no topic (the rest must be a word of two characters or more: 按钮 is a noun)
PREPOSITION_PHRASE = re.compile(r"^(?:按照?|依照|依据|根据|遵照|依)(?=[\u4e00-\u9fff]{2,}$)")
# "厂里", "村里", "局里": a spoken place of one character and 里 says where the asker stands, not a topic
# (only when the documents never write it: they write 生产经营单位, 村民委员会); 市里, 省里 name a level
# of government (LAY_TERMS: 市级, 省级)
SPOKEN_LOCATIVE = re.compile(r"^[^省市县区][里头]$")
# the words that ask ("什么颜色": the noun after them names the kind of answer, not its topic)
ASK_WORDS = frozenset({"什么", "哪些", "哪个", "哪", "哪里", "谁", "多少", "几", "怎样", "如何", "何时", "啥"})
# content words too general to decide an answer on their own: they count, a little
# one-character suffixes that make a field's name the name of its institution (应急管理局, 电视台, 消防站)
INSTITUTION_SUFFIXES = frozenset("局厅台站所院馆处委办")
# verbs that only join a category noun ("遵循什么原则", "采取哪些措施", "进行什么检查"): Chinese light and
# collocational verbs; the sentence writes 按照…原则 as often as 遵循…原则, so they count a little
LIGHT_VERBS = frozenset("遵循 坚持 采取 采用 实行 进行 加以 予以 给予 作出 按照 依照 依据 做到".split())
# (应急管理 is every plan's field but a report's or a law's topic: it counts, a little; 工作: a question word)
LOW_WEIGHT = frozenset("目标 任务 措施 要求 方面 主要 重点 建设 推进 加强 完善 提升 应急 应急管理 管理 "
                       "相关 有关 全部 所有".split())  # 相关/有关 point at a topic; 全部/所有 say how many
# adjectives that, before a verb, say how exactly ("具体包括哪些范围"), not what: they count a little
# there (before a noun they are the noun's: "具体工作由消防所实施")
MANNER_BEFORE_VERB = frozenset("具体 详细 明确".split())
# a caller's region filter naming several places ("上海市、绍兴市", "上海,绍兴"): punctuation only, since
# 和 begins real names (天津市和平区)
REGION_LIST_SEPARATOR = re.compile(r"[、,，;；/]")
# words for somewhere else ("帮扶外地"): a named place the passages give is what they stand for
ELSEWHERE = frozenset("外地 外省 外市 外县 异地 省外 市外 县外 外埠".split())
# a level asked by its name ("哪个级别的称号", "在调查层级上怎么处理"): a level of government or of
# recognition says it, or the level's change (提级调查); the noun itself counts a little, like a figure's kind
LEVEL_ASKED = frozenset("级别 层级 等级 层次".split())
# nouns that say where, not what ("禁放地点", "施工场所"): texts write the same place as 区域/地点/场所/范围,
# so one of them is never the topic one compared text names and another does not
PLACE_KIND = frozenset("地点 区域 场所 地方 位置 范围 地带 处所".split())
LEVELS_NAMED = ("国家级", "省级", "市级", "县级", "区级", "乡镇级", "部级", "厅级")
# modal verbs: a word between one and its verb ("要专门研究", "应当及时报告") says how, whatever jieba tags it
MODALS = frozenset("要 应 应当 应该 需 需要 必须 须 得 会 能 能够 可 可以".split())
# verbs of intention ("上海准备新编…", "应急部门准备跟哪家合作"): after their subject (a place, a body, a
# pronoun, a time) or before a verb or preposition they are the asker's "plans to", a modal; after a
# modifier they are a noun of the documents (应急准备, 救援准备, 准备工作)
INTENTIONS = frozenset("准备 打算 拟 想 预备 计划".split())
INTENTION_SUBJECT_FLAGS = ("ns", "nr", "nt", "r", "t")
INTENTION_COMPLEMENT_FLAGS = frozenset({"v", "vd", "vi", "p", "d"})
# jieba's frequency from which a word is everyday vocabulary (产生 19495, 公司 45604, 学校 17020), not a
# topic specific enough to decide an answer by (部队 12400, 森林 5024, 燃气 221)
GENERAL_WORD_FREQ = 15000
# a word no document writes ("消防栓", "演习") is said, in part, by a word of the same length that shares
# a morpheme in the same place ("消火栓", "演练"): Chinese near-synonyms are compounds that share one
# (credit: the share of its characters so shared, times this); suffixes, particles and numerals share no
# meaning (厂子/样子, 一般/一款)
MORPHEME_SAID = 1.0
# jieba's frequency below which a two-character word is shorthand (禁放 6, 人防 32, 环评 5) that texts also
# spell out in full (禁止燃放); everyday words (时间 33288, 消防 259) are not
CONTRACTION_FREQ = 50
# "新编", "重修", "再建", "补装": an adverb of time or repetition glued to a one-character verb; the verb is
# what a text writes in its own compound ("编制", "修订", "建设")
ADVERB_PREFIXES = frozenset("新重再补续另")
EMPTY_MORPHEMES = frozenset("子儿头性化者员家们的了着过之其第一二两三四五六七八九十百千万")
# verbs that frame a question ("要覆盖哪些", "涉及哪些", "条例规定的…") rather than name what the text says
FRAMING = frozenset("覆盖 涵盖 包含 涉及 囊括 针对 面向 围绕 聚焦 规定 界定 层面 按规定 按照规定 认为".split())
# (认为: "规划认为…有哪些不足" — the document's voice; 面向: "面向的是哪些对象" — the text names the targets
# themselves; 规定: "条例规定的…"; "全国层面";
# "没按规定…": every provision is 按照规定)
# nouns that name the kind of answer ("模式叫什么", "品牌是什么"): the text names the thing itself
# (做法: a question word)
CATEGORY = frozenset("模式 名称 名字 品牌 口号 理念 主题 称号 简称 提法 叫法 方针 思路".split())
# nouns that name a figure's kind ("编制比例是多少"): the text gives the figure ("编制率达100%")
FIGURE_CATEGORY = frozenset("比例 比率 占比 数量 数目 数字 规模 总量 目标值 具体数字 具体数 "
                            "人数 次数 天数 件数 户数 个数 幅度 金额 数额 时限 时长".split())  # 幅度: "处…以上…以下"
# jieba tags of content words (nouns, verbs, adjectives, idioms, the domain words it was given: x)
CONTENT_FLAGS = ("n", "v", "a", "b", "eng", "x", "j", "i", "l", "s", "t")  # t: 汛期, 防火期; b: 中型, 专职, 兼职
# tags of words that only join others (的, 在, 按, 哪, 都, 和, 吗): never part of a noun the documents use
FUNCTION_FLAGS = ("u", "p", "r", "c", "d", "y", "x", "m", "q", "f", "e", "o")
# tags of topic words: a word no document uses that is not one of these is the asker's phrasing ("打算", "咋")
TOPIC_FLAGS = ("n", "eng", "j", "l", "i", "x")
# a verb with a directional or resultative complement or the aspect 了 ("撑起来", "追回来", "发下去", "弄坏了",
# "受了伤"): spoken predicates jieba keeps whole as set phrases; documents write the bare verb, so such a
# word no document uses is the asker's phrasing, not a topic the library lacks
SPOKEN_COMPLEMENT = re.compile(r"(?=.{3}).*(?:起来|出来|回来|下去|上来|下来|过来|进去|出去|.了|了.)$")
# "叫什么", "什么名称": plans quote the names of their initiatives (“一队多能”)
# "为啥觉得…非得…", "为什么要…": a reason is asked; a sentence opening with 因此/所以 is the conclusion, the
# reason is said before it
WHY_QUESTION = re.compile(r"为什么|为啥|为何|什么原因|啥原因|原因是什么|出于什么考虑")
CONSEQUENCE_OPENING = re.compile(r"\s*(?:因此|所以|为此|因而|由此|故此)[,，]?")
NAME_QUESTION = re.compile(r"叫什么|什么名称|名称是|称为什么|叫做什么|什么品牌|简称|叫啥|啥名")
# "叫什么年", "叫啥工程": the name asked for ends in that word (“精准执法年”, “引水上山”工程 aside)
NAME_HEAD = re.compile(r"(?:叫|称为|称作|名为)(?:什么|啥)(?!名字|名称|名)([\u4e00-\u9fff]{1,3}?)(?=[？?，,。！!\s]|$)"
                       # "提到了什么制度": plans name their systems so, “一案双查”制度
                       r"|(?:什么|啥|哪项|哪个|哪些)(制度|机制|模式|工程|行动|品牌|活动|工作法)")
# "聘请第三方…，请的是哪家机构": which body by name is asked, where a plan names a party only by its role
# (第三方, 专业机构): the text says who in general, not which one
IDENTITY_ASKED = re.compile(r"(?:哪家|哪一家|哪个|什么|啥)(?:机构|公司|单位|企业|院所|高校|团队|第三方)"
                            r"|(?:叫|是)(?:什么|啥)名字")
UNNAMED_PARTY = re.compile(r"第三方|专业机构|中介机构|专业技术服务机构|技术服务机构|社会组织")
# a body named by its own name ("中国安全生产科学研究院", "XX检测有限公司") is no role
NAMED_BODY = re.compile(r"[\u4e00-\u9fff]{2,}(?:公司|研究院|研究所|学院|大学|协会|学会)")
# "要组织哪些安全宣传主题活动": the kind a list question asks members of (its last word); a sentence that
# enumerates members of that kind closes with 等 and it ("组织安全生产月、防灾减灾日…等活动")
LIST_HEAD = re.compile(r"(?:哪些|哪几[项个类种])[^，,。？?]{0,12}?([\u4e00-\u9fff]{2})(?=[？?。]?$)")
QUOTED_NAME = re.compile(r"“[^”]{2,16}”")
# "局长是谁": a person is asked for, and only a sentence that names one answers it
# "实训基地建在哪个镇", "先行区试点放在哪个区": a place of that level is asked by name; a sentence naming
# none (only the task) does not answer (not 哪个区域, 哪个市的文件: an area, or a document's own place)
# ("跟哪几个城市合作": the partner places are asked by name, not the document's own)
PLACE_LEVEL_ASKED = re.compile(r"(?:哪|什么)(?:个|些|几个|一个)?(?:镇|乡|街道|村|县|区)(?![域别分间内划])"
                               r"|[跟和与同向](?:哪|什么)(?:个|些|几个)(?:城市|市|省|地区|地市)")
# words jieba tags as places that name no place: the level itself or a kind of area
GENERIC_PLACES = frozenset("城镇 乡镇 城乡 农村 村镇 全国 全省 全市 全区 全县 城市 地方 本市 本区 本县 各地 当地"
                           .split())
# (nor a kind of area qualified: "周边城市", "沿海地区", "偏远山区" end in one of these)
GENERIC_PLACE_ENDS = tuple(GENERIC_PLACES | {"地区", "区域", "省份", "山区", "国家"})
PERSON_QUESTION = re.compile(r"(?:局长|主任|书记|处长|科长|市长|区长|县长|镇长|厅长|部长|队长|主席|负责人)"
                             r"(?:是谁|是哪位|叫什么|叫啥|姓什么|的?名字|的?姓名|为何人|是何人|系何人)")
# "指挥长由谁担任", "办公室主任是谁兼任": who holds a named post is asked; only a sentence naming that post
# answers (a plan's sentence setting up the body, without its head, does not)
POST_QUESTION = re.compile(r"(总指挥|指挥长|主任|组长|局长|队长|书记|主席|负责人|部长|厅长|处长|站长|秘书长|市长|区长"
                           r"|县长|(?<=的)指挥)"  # ("防汛防旱指挥部的指挥由谁担任": the post, 市长任指挥)
                           r"(?:具体|一般|通常|分别)?(?:由谁|是谁|由哪位|由什么人|由哪个领导|由哪一级领导)(?:来)?"
                           r"(?:担任|兼任|出任|担当|当)")
# "带“试点”字样的工作一共有哪些", "要求制订的各类“清单”有哪些": every place one document writes a short
# quoted word is asked (a list the text never makes: it is gathered from the whole document)
MENTIONS_ASKED = re.compile(r"(?:(?:带|含|冠以|带有|含有|点名搞|点名|各类|各种)"
                            r"[“\"]([\u4e00-\u9fff]{1,4})[”\"](?:字样|这个词|二字|名头)?"
                            r"|[“\"]([\u4e00-\u9fff]{1,4})[”\"](?:字样|这个词|二字|名头))"
                            r"(?:的)?[\u4e00-\u9fff]{0,6}?(?:一共有哪些|共有哪些|都有哪些|有哪些|有哪几项|有哪几个|哪几项)")
# "哪些指标卡在90%这条线上", "哪些任务要在6月底前完成": the things set at one figure or date are asked;
# every sentence that writes it answers, gathered from the documents asked about (a figure is its own
# word: 90% is not 190% or 90.5%)
# ("哪些活儿是每个月都得干的": a frequency is such a figure, written 每月, 每季度)
FIGURE_LISTED_ASKED = re.compile(
    r"(?:哪些|哪几[项个条件])[^，。？?]{0,12}?"
    r"(?:(?<![\d.])(\d+(?:\.\d+)?%|\d{1,2}月(?:底|\d{1,2}日))(?![\d.])|(每[个一]?(?:半年|季度|月|年|周|星期|天|日)))"
    r"|(?<![\d.])(\d+(?:\.\d+)?%|\d{1,2}月(?:底|\d{1,2}日))(?![\d.])[^，。？?]{0,10}?(?:的)?(?:有哪些|是哪些|有哪几)")
# a frequency as the texts write it: 每个月 → 每月, 每个星期 → 每周 (每天 and 每日 are both written)
FREQUENCY_FORMS = {"星期": ["周"], "天": ["天", "日"], "日": ["日", "天"]}
# "正文里引用了哪些上级法规和文件", "准备出台、修订的制度文件有哪些": the documents one document names
# (by 《title》) are asked; they are gathered from its whole text
DOCUMENTS_NAMED_ASKED = re.compile(r"(?:引用|援引|依托|出台|修订|印发)[^，。？?]{0,14}?"
                                   r"(?:哪些|哪几[个份部项]|什么)[^，。？?]{0,6}?(?:法规|文件|制度|办法|规定|规章|意见|政策)"
                                   r"|(?:法规|文件|制度文件)(?:都)?有哪些")
# "写在第三章哪一节下面", "放在哪一部分讲的", "出现在哪一部分": where in the document a thing is said is
# asked; the answer names the section path of the passage that says it
SECTION_ASKED = re.compile(r"(?:放在|写在|挂在|出现在|列在|位于|属于|在)(?:第[一二三四五六七八九十]+章)?的?"
                           r"哪(?:一|个|几)?(?:大块|大部分|部分|章|节|条|块|项|段|个标题)"
                           r"|哪一?(?:大块|部分|章|节|条)(?:里|中|下面?)?(?:讲|写|提|说)")
# "哪几位任副指挥", "谁来当组长": the same asked with the post after its verb
POST_AFTER_ASK = re.compile(r"(?:由谁|谁|哪几位|哪位|哪些人|哪几个人|哪些领导)(?:来)?(?:担任|兼任|出任|担当|任|当)"
                            r"(副?(?:总指挥|指挥长|主任|组长|队长|负责人|秘书长|指挥))")
# "具体指哪些", "包括什么": the question asks what a named thing consists of
DEFINE_QUESTION = re.compile(r"(?:具体|主要|都|分别|到底|各自)?叫(?:什么|啥)(?:名字?)?|"  # "那三项制度具体叫啥"
                             # "“一带一帽”专项执法，到底查的是啥": what a named campaign covers
                             r"(?:具体|主要|都|分别|到底)?(?:查|管|治|抓|整治|检查)的是(?:什么|啥|哪些)|"
                             r"(?:具体|主要|都|分别|到底)?(?:指|是指|指的是|包括|包含|涵盖|有)"
                             r"(?:哪些|什么|哪几|啥|哪[\d一二三四五六七八九十两]+[个样项类种家条])|"
                             r"(?:具体|分别|都|到底)?是(?:什么|哪些|哪几|啥)(?:意思|内容|含义)?[?？]?$|"
                             # "具体是哪13个", "具体停哪几样": which ones, by the name's own count or verb
                             r"(?:具体|分别|都|到底)[\u4e00-\u9fff]?是?哪(?:些|几|[\d一二三四五六七八九十两]+)[个样项类种家条]?")
# "多少个应急避难场所": what a 多少/几 + classifier question counts; a figure that does not count it
# does not answer ("新（改）建高标准农田348.8万亩" is no count of 避难场所)
COUNTED_OBJECT = re.compile(r"(?:多少|几)(?:个|座|处|支|家|所|项|台|套|条|辆|艘|间|部|种|类|(场|轮|批))"
                            r"([\u4e00-\u9fff]{2,12}?)(?:呢|吗|啊|呀|了|？|\?|，|,|。|$)")
# (场/轮/批 count events: "多少场应急演练" counts the verbal noun 演练)
# a name made of counted parts ("三场所三企业", "六停", "五个办", "13个专委会")
COUNTED_NAME = re.compile(r"(?:[一二三四五六七八九十两]+|\d+个)个?[\u4e00-\u9fff]{1,3}"
                          r"(?:[一二三四五六七八九十两]+个?[\u4e00-\u9fff]{1,3})*")
# "哪四条原则", "五项机制是哪些": a list asked by its count (two or more) and its name (two characters);
# the classifiers a list is counted with, in the question and in the text announcing it ("四个基本原则")
LIST_CLASSIFIER = r"(?:个|项|条|大|种|类|点)"
# "哪几条基本规矩": asked with 几, any count the text announces; the name may carry a modifier (基本原则)
# ("靠哪几个办当平台": a coverb, 当/作为/充当, begins what the counted things serve as, not their name)
ANNOUNCED_COUNT = re.compile(r"(?<![\d一二三四五六七八九十第])([二三四五六七八九十两]|(?<=哪)几)" + LIST_CLASSIFIER +
                             r"((?:(?!当(?!事)|作为|充当)[\u4e00-\u9fff]){2,4}?)"
                             r"(?=[^\u4e00-\u9fff]|是|有|都|分别|包括|指|啊|呀|呢|$)")
# "各搞几停", "是哪几查": 几 and a word that is no classifier ask for a name the text counts with a numeral
# (“六停”, “五停”; 几个/几项/几天 count things and ask a number)
ASKED_COUNTED_NAME = re.compile(r"(?<![这那哪])几(?![个项名家次支座处条所台套场倍人户辆艘年月日天周号点时分岁位"
                                r"种类级批件份张部本层米亿万千百十成])([\u4e00-\u9fff])")
# "要加强哪几支队伍的建设", "有哪些平台": the kind of thing a list question asks for by name
# (the nouns right after it, by jieba: "哪些高危行业必须投保" asks for 高危行业)
# "推进的是哪个中心的建设": the one thing asked for, by its kind's name (its head is in the text that names it)
# "要建立什么库", "设了啥中心": the kind of thing asked, a noun closing the clause (not 什么时候, 什么样…)
WHAT_NOUN = re.compile(r"(?:什么|啥)((?!时候|时间|样|事|用|意思|程度|情况|内容|要求|措施|工作|作用|规定|安排)"
                       r"[\u4e00-\u9fff]{1,2})(?=[？?。，,！!]|$)")
ASKED_WHICH_NOUN = re.compile(r"哪(?:一)?(?:个|家|座|所|项|支)(?=[\u4e00-\u9fff]{2})")
ASKED_LIST_NOUN = re.compile(r"哪(?:几|些)(?:支|个|类|项|种|家|所|条|样|件|座|批)?(?=[\u4e00-\u9fff]{2})")
# "比一比", "看一看": a verb's tentative form (V一V) says how the asker goes about it, never what is asked
TENTATIVE_VERB = re.compile(r"^([\u4e00-\u9fff])一\1$")
# "2022年报告里…", "那份要点": a genre named by its noun after a year or a demonstrative is the kind of
# document asked about (报告 alone elsewhere is a verb or a topic: "多长时间内报告", "事故调查报告")
# ("山东省政府工作报告": the genre's full name needs no year before it)
NAMED_GENRE = re.compile(r"(?:(?:19|20)\d{2}\s*年度?(?:的|那份|这份|那个)?|那份|这份|(?=政府工作报告))"
                         r"((?:政府)?(?:工作)?报告|(?:工作)?要点|规划)(?![制书期])")
GENRE_TYPES = {"报告": "政府工作报告", "要点": "工作要点", "规划": "规划"}
# "崇明…跟南通有啥联动安排": a place after 跟/同/与 and before a verb of working together is the partner of
# the region asked about, not a second region compared (matched on "<char before>\x00<text after>")
PARTNER_PLACE = re.compile(r"[跟同与向]\x00[^，,。？?]{0,6}?(?:联动|合作|协作|协同|对接|共建|联防|联合|衔接|互通)")
# "22年那份国务院报告": the State Council delivers the national government work report, whose region is 全国
STATE_COUNCIL_REPORT = re.compile(r"国务院(?:的|那份|那个)?(?=(?:政府)?(?:工作)?报告)")
# "能罚", "得配", "村要": jieba glues a modal to the one-character verb after it or the noun before it into
# a word no dictionary or document has; the modal is the asker's mood, the other character alone says
# too little to search; so is a verb of saying glued to its subject's last character ("应急局说": 局说)
GLUED_MODAL = re.compile(r"^(?:[能得要会可该需想拟][\u4e00-\u9fff]|[\u4e00-\u9fff][能得要会可该需说讲称])$")
# a verb of saying after a postposition ("回顾‘十四五’时说", "报告里讲", "文件中称") is the asker's framing,
# though jieba's dictionary and some passages hold the two characters ("视察时说")
GLUED_SAYING = re.compile(r"^[时里中上内][说讲称]$")
# "一辆车", "每位": a numeral or 每 and a classifier before a noun say how many, not what
# "发消息", "查隐患", "搞演练": an everyday one-character verb glued to its object, a word no document
# writes so; the object is what to look for (the verb is the asker's, as 发布/排查/开展 are the texts')
GLUED_VERB_OBJECT = re.compile(r"^[发查搞办管修装拆买卖报弄整抓建开]([\u4e00-\u9fff]{2})$")
COUNT_PREFIX = re.compile(r"^[一两几每][个辆名位家次台艘架座处条所项件份张本人户]")
# the longest a counted name runs ("七张问题清单"): a numeral and up to five characters
# "42个应急预案", "25项执法检查重点事项": a set named by its size in digits and what it is (a plan counts its
# plans, items and checks so, without always listing them)
COUNTED_NAME_DIGITS = re.compile(r"\d+[个项条类种家支][\u4e00-\u9fff]{2,8}")
COUNTED_NAME_LONG = re.compile(r"(?:[一二三四五六七八九十两]+|\d+个)个?[\u4e00-\u9fff]{1,5}")
# what follows a name that a sentence defines: "X：…", "X(…)", "X，即…", "X包括…"
DEFINITION_AFTER = re.compile(r"^[”\"」』]?\s*(?:[:：(（]"
                              r"|[,，]?\s*(?:即|是指|指的是|主要指|包括|包含|分别是|分别为|涵盖))")
# phrases that say what the asker wants to do with the answer, not what it is about
META_PHRASING = re.compile(
    r"(?:帮我|请|我想|我要)?(?:起草|撰写|编写|写)(?:一份|一下)?|可以|可(?=参考|借鉴)|参考|借鉴|已有(?:的)?表述|现有(?:的)?(?:计划|文件)?里?|"
    r"有哪些做法|哪些做法|的内容|工作内容|文件里|文件中|请问|一下"
    # "这五份材料里", "几份计划中": the documents themselves, counted, are where to look
    r"|(?:这|那)?[几两二三四五六七八九]份(?:材料|文件|计划|规划|要点)?(?:里|中)?|材料(?:里|中)"
)
# "什么是X", "X包括哪些", "…所说的X", "什么样的…算X": a definition is asked for
# ("办法里说的“雷电防护装置”…包括哪些": a term the document uses, quoted, as 所说的 is)
DEFINITION_QUESTION = re.compile(r"什么是|所说的|所称的?|(?:里|中)(?:说|讲|提)的(?=“)|是指什么|指的是什么"
                                 r"|什么样的.{1,16}算|算(?:是|作)?什么"
                                 r"|定义|属于哪|分(?:为|成)?(?:哪几|哪些|几)(?:类|种|级|个等级)"
                                 r"|按什么标准|什么标准划分|怎么划分|如何划分|怎么分级|如何分级"
                                 r"|(?:怎么|怎样|如何|咋)界定|界定为")  # "特困人员是怎么界定的": defined
# "本法所称特种设备，是指…的锅炉、压力容器…、电梯…": a law's category defined by the kinds it lists
CATEGORY_DEFINED = re.compile(r"所称([\u4e00-\u9fff]{2,12})，?(?:是指|包括)([^。]{4,200})")
# a law's article of definitions lists them as items ("本条例下列用语的含义：（一）燃气，是指…包括天然气…"):
# each item defines its term as 所称 does
CATEGORY_ITEM_DEFINED = re.compile(r"(?:^|(?<=[\n；;：:。]))\s*[（(][一二三四五六七八九十]{1,3}[)）]\s*"
                                   r"([\u4e00-\u9fff]{2,12})[，,]\s*(?:是指|包括|系指)([^。]{4,200})")
# laws define their terms so: "本法所称X，是指…", "X包括…", "X分为…"
DEFINITION_SENTENCE = re.compile(r"所称|是指|系指|包括|分为|划分为")
# "规划应该包括哪些内容", "明白卡上要写哪些内容": what a document or record must contain is asked for
CONTENTS_QUESTION = re.compile(r"(?:哪些|什么|啥)(?:内容|事项|信息)|(?:内容|事项)(?:有|包括|是)(?:哪些|什么|啥)")
# laws and plans state it so: "规划的内容应当包括：", "应当载明…等内容", "包括下列事项："
CONTENTS_SENTENCE = re.compile(r"(?:内容|事项)(?:应当|主要)?(?:包括|包含)|应当载明|等(?:内容|事项|信息)"
                               r"|(?:包括|载明|列明|注明)(?:下列|以下)(?:主要)?(?:内容|事项)")
# "2020年那份要点到底是哪个市的", "这个规划是哪个单位发的": a fact about the document itself (its place,
# its issuer), answered from its metadata; keyed by the field asked ("规划期是哪几年" is not one: plans
# name other plans and their periods)
DOC_FACT_QUESTION = {
    "region": re.compile(r"(?:是|属于)?(?:哪个|哪一个|哪)(?:市|省|区|县|地方|城市|地区|地)的"
                         r"(?:文件|要点|计划|规划|报告)?[？?吗呢]?$|(?:是|属于)哪里的[？?]?$"),
    "issuer": re.compile(r"(?:哪个|哪一个|什么)(?:单位|部门|机关)(?:发|印发|制定|出|发布|公布|颁布)的"
                         r"|谁(?:发|印发|出|发布|公布|颁布)的"
                         r"|(?:发文|印发|制定)(?:单位|机关)是"),
    # "上标的日期是哪天", "是哪天印发的": the date the document carries (a head or signature line)
    "date": re.compile(r"(?:标|写|注|署|落款|印发|发布|发文|成文|签发)(?:的|注的|明的)?(?:日期|时间)"
                       r"|(?:哪天|哪一天|哪日|什么时候|何时|几月几号|几号|哪年|哪一年)(?:印发|发布|发文|签发|发)的"),
    # "那份要点是照着省里哪个部门的文件来定的", "规划是依据哪些文件制定的": what the document was made
    # on — its opening says it ("根据浙江省应急管理厅《…》…，制定…"; a law's 第一条 "根据《…》，制定本条例")
    "basis": re.compile(r"(?:照着|根据|依据|按照|参照|依照)[^，,；;？?]{0,12}?(?:什么|哪个|哪份|哪部|哪些|哪一|啥|谁)"
                        r"[^，,；;？?]{0,12}(?:制定|来定|定|写|出台|编制|起草|出)的[吗呢]?[？?]?$"
                        r"|(?:制定|编制|出台)(?:的)?(?:依据|根据)是(?:什么|啥|哪)"),
    # "是印发给哪些单位贯彻落实的", "主送单位是谁": a notice's addressees (主送机关), its salutation line
    "addressees": re.compile(r"(?:印发给|发给|下发给|主送|送达)(?:了)?(?:哪些|哪几个|哪个|什么|谁)"
                             r"|主送(?:单位|机关|对象)(?:是|有)"),
    # "北京有没有自己的消防条例", "上海有没有出台防汛条例": whether the library holds a place's own rule —
    # the whole question, nothing asked of its text (a held one is answered with its title and opening)
    "exists": re.compile(r"^[^，,。；;？?]{0,12}?(?:有没有|是否有|有无|是不是有|有没)"
                         r"(?:出台|制定|制订|专门|单独|自己)?的?"
                         r"[^，,。；;？?]{2,30}(?:条例|规定|办法|细则|预案|规划|法)[吗呢]?[？?]?$"),
}
# the sentence of a document's opening that says what it was made on: 根据/依据 and what follows, to
# the clause's end ("根据浙江省应急管理厅《2022年全省应急管理工作要点》和…部署")
BASIS_CLAUSE = re.compile(r"(?:根据|依据|依照|按照)\s*([^，,；;。]{4,80})")
# an instrument's order number ("国务院令第496号", "交通运输部令2026年第11号", "第44号令")
ORDER_NUMBER = re.compile(r"令\s*(?:(?:19|20)\d{2}年)?第?\s*[\d一二三四五六七八九十百零〇]+\s*号"
                          r"|第[\d一二三四五六七八九十百]+号令")
# (to the verb of making, when a damaged stop cuts the sentence: "根据…第十四个五年规划和二。三五年远景
# 目标纲要…等文件,制定本规划" — 〇 scraped as 。)
BASIS_TO_MAKING = re.compile(r"(?:根据|依据|依照|按照)\s*(.{4,120}?)[，,]?\s*(?:制定|编制|制订)")
# a date standing alone on a line of a document's head or end: the date the document carries
# ("2020-03-15" under a web page's title; "2022年3月1日" under a notice's signature)
# (or after a web page's label: "时间：2026-02-01", "发布日期：…")
DATE_LINE = re.compile(r"(?m)^[ \t\u3000]*(?:(?:发布|印发|成文|发文)?(?:时间|日期)[：:][ \t\u3000]*)?"
                       r"((?:19|20)\d{2}(?:-\d{1,2}-\d{1,2}|年\d{1,2}月\d{1,2}日))[ \t\u3000]*$")
# "属于五年规划的是哪一份": which of the held documents is of a kind
WHICH_DOCUMENT = re.compile(r"(?:这几份|这些|几份)文件(?:中|里)?[^，。？?]{0,20}(?:哪一份|哪份|哪个)"
                            # (not "上位依据是哪份部委文件": a document the text cites, not one of the library's)
                            r"|(?<!依据)(?<!根据)(?:是|为)(?:哪一份|哪份)(?:文件|规划|计划|要点|报告|预案)?(?=[？?，,。吗呢]|$)")
# "库里山东关于气象灾害防御的地方性法规有哪几部", "资料库中有哪些应急预案": the library itself is asked about
CATALOGUE_QUESTION = re.compile(r"(?:哪几部|有几部|多少部|哪些部)(?![门分位署委队件长属])"  # not 哪些部门, 哪些部队
                                rf"|{WHICH_DOCUMENT.pattern}"
                                # (库里 standing alone: a 弹药库 or a 储备库 holds things, not documents)
                                r"|(?:(?:(?<![\u4e00-\u9fff])|(?<=[们这的]))(?:库里|库中)|资料库|文档库|文件库|收录)"
                                r"[^，。？?]{0,30}(?:哪些|哪几|几部|几份|多少)")
# "省条例", "省燃气条例", "杭州市里那个条例": a regulation named by its level or its place (and maybe its
# topic), as officials refer to the one of their province or city in speech
REFERRED_REGULATION = re.compile(r"(?:(?<=^)|(?<=[，,。？?；;、（(和与跟及同对按依据照在]))(省|市|区|县)(?:里|级)?"
                                 r"(?:的|那个|那部|这个|这部|那份)?([\u4e00-\u9fff]{0,6}?)(条例|办法|规定)")
# …and after a place: "杭州市里那个条例", "杭州的燃气条例" (matched where the place ends)
PLACED_REGULATION = re.compile(r"(?:市|省|区|县)?(?:里|级)?(?:的|那个|那部|这个|这部|那份)?"
                               r"([\u4e00-\u9fff]{0,6}?)(条例|办法|规定)")
LEVELS_SAID = {"省": "省级", "市": "市级", "区": "区县级", "县": "区县级"}
# "2024年那次修正主要改了什么", "修订了哪些内容": what a revision changed, asked of the whole law
CHANGES_ASKED = re.compile(r"(?:改了|修改了|修订了|修正了|改动了?|变了|调整了)(?:什么|哪些|啥|哪几条|些什么)"
                           r"|(?:修改|修订|修正|改动|变化|调整)(?:的|了)?(?:内容|地方|条文|哪些|什么|啥)"
                           r"|有(?:哪些|什么|啥)(?:修改|变化|改动|调整)")
# what such a question may say besides the law's name, its version and the change asked
CHANGES_FRAME = re.compile(r"那次|这次|此次|本次|主要|具体|都|一共|大概|新版|旧版|现行|最新|修正案?|修订|修改|版本?"
                           r"|的|了|吗|呢|是|有|在|里|中|和|与|相比|比|较|之前|以前|原来|哪些|什么|啥|内容|地方")
# a sentence that goes on with the one before it ("同时,报请市政府出台…", "此外，…")
# "…开展多灾种风险普查。包括主要灾害致灾调查与评估,…": a sentence that opens with 包括 lists what the
# sentence before it covers
INCLUDES_NEXT = re.compile(r"\s*(?:主要|具体)?包括(?![下如以])")
CONTINUES = re.compile(r"^\s*(?:同时|此外|另外|并且|与此同时|并|还要|还应当?)[，,、]?")
# "地震工作主管部门应当自收到材料之日起15日内提出意见": a sentence opening with its subject and a
# modal or a time word — when the sentence before named that subject, the provision goes on about it
GOES_ON_SUBJECT = re.compile(r"([\u4e00-\u9fff]{2,14}?)(?:应当|应|必须|须|可以|自|于|在收到)")
# "演练的周期应当在预案中明确规定", "定期组织…": how often or how long, left by the law to another text
# or to the one bound by it — the answer to "多久一次" where it sets no figure
DEFERRED_SPAN = re.compile(r"(?:周期|期限|频次|频率|间隔)[^。；，,]{0,12}(?:另行)?(?:规定|明确|确定)")
# "多长时间要演练一次": how often is asked — "定期组织…" says it is periodic (not how long a thing lasts:
# "黑名单要公示多长时间" is not answered by "定期进行公示")
FREQUENCY_ASKED = re.compile(r"[一1]次|频次|频率|多频繁")
# "通报频次是多少", "多长时间通报一次": how often is asked, answered by a span or a frequency ("每双月")
OFTEN_ASKED = re.compile(r"频次|频率|多频繁|多久[一1]次|隔多久")
PERIODIC = re.compile(r"定期(?:组织|开展|进行)")
# "核电站要是出了安全问题，…谁负总责": a condition said first is the case asked about, not what is asked
CONDITION_CLAUSE = re.compile(r"^([^，,。？?]{0,12}(?:要是|如果|假如|假设|万一|一旦|倘若)"
                              r"[^，,。？?]{2,30}?(?:的话)?)[，,]\s*(?=[^，,。？?]{2,})")
# "要修订多少部应急预案": a count after a task's verb counts what a plan will do, not the library's documents
TASK_COUNT = re.compile(r"(?:修订|修编|修改|制定|制订|编制|出台|新增|新建|建设|完善|印发|起草)了?(?:多少|几)部")
# what such a question says besides its topic, its places and its types
CATALOGUE_FRAME = re.compile(r"库里|库中|资料库|文档库|文件库|收录了?|现有|目前|我们|关于|有关|涉及|方面|省内|市内"
                             r"|境内|区内|有哪几部|哪几部|有几部|多少部|哪些部|有哪些|哪些|几份|多少|文件|法律法规|规定"
                             r"|的|里|中|有|部|[？?，,。]")
# "起草…应参考哪些文件章节": the drafter asks where to look, not what one sentence says
DRAFT_REFERENCE = re.compile(r"(?:起草|撰写|编写|编制|写).{0,24}(?:参考|借鉴|对照).{0,6}(?:哪些|什么|哪几)")
# a comparison is asked for with these, or with two places joined by 和/与/跟
COMPARE_CUE = re.compile(r"比较|对比|异同|区别|不同|分别|各自|[和与跟及、]")


class Kind(str, Enum):
    """What a question asks for; each kind has one answer function (rag/extractive.py ANSWERERS)."""

    LEAD = "lead"  # who leads or is responsible
    NUMBER = "number"  # a figure
    DEADLINE = "deadline"  # a date
    LIST = "list"  # the items of something
    COMPARE = "compare"  # the same thing in several regions or documents
    SECTION = "section"  # what a named section says ("(三)里", "第三条")
    OUTLINE = "outline"  # the parts of a document
    FACT = "fact"  # anything else

    def __str__(self) -> str:
        return self.value


# spoken question words and their written forms: "啥时候" asks what "什么时候" asks
# ("啥名目的活动": what the initiative is called; read as 名/目的 it would ask a purpose)
SPOKEN_QUESTION_WORDS = {"啥名目": "什么名称", "什么名目": "什么名称", "啥名堂": "什么名称",
                         "啥": "什么", "咋": "怎么", "几时": "什么时候", "多会儿": "什么时候", "哪会儿": "什么时候",
                         "多大": "多少", "多老": "多少"}
# "参加救援那几天工资照发吗": 这几/那几 point at some days or items, they ask no number
# "2022年的几个计划里，哪家提到了…": the several documents a which-question looks among, no number asked
DEMONSTRATIVE_JI = re.compile(r"(?<=[这那])几(?=[天个年次项条位家])"
                              r"|几(?=[个份][\u4e00-\u9fff]{1,4}(?:里|中|当中)[，,]?\s*(?:哪|谁|有没有|是否))")
# "这五份材料里哪几份有提到…", "几份计划里，哪些…", "这几份里除了沪还有谁提了": each of the documents looked
# among is asked whether and how it says the topic (a compare over the documents, not over places named)
ACROSS_DOCUMENTS = re.compile(r"(?:这|那)?[几两二三四五六]份(?:材料|文件|计划|规划|要点)?(?:里|中|当中)?[，,]?"
                              r"(?:除了[^，,？?]{1,6})?还?有?(?:哪几份|哪些|哪份|哪家|谁|各|分别)"
                              r"|(?:哪几份|哪些份)(?:都|也)?有?(?:提到|提了|提及|涉及|讲到|说到|用了|写了)"
                              # "哪些文件对灾害信息员工作作了安排": which of the documents arranged a thing
                              r"|(?:哪几份|哪些份|哪些|哪几个)(?:文件|材料|计划|规划|要点)(?:都|也)?"
                              r"(?:有?(?:提到|提了|提及|涉及|讲到|说到|写了)|对[^，,。？?]{1,16}?(?:作了|做了|作出了|有)(?:安排|部署|要求))")
# the first pattern that matches decides the kind (order matters: "由谁…多少" asks who)
KIND_PATTERNS: list[tuple[Kind, re.Pattern[str]]] = [
    # "要落实的几项机制分别是啥", "三项制度都是什么": the members of a counted set are asked, one by one
    # (分别 here goes over the set's members, not over places compared)
    (Kind.LIST, re.compile(r"(?<![这那])[几两二三四五六七八九十][项个条种类点大][\u4e00-\u9fff]{0,8}?"
                           r"(?:分别|都|各)(?:是|有|包括|指)(?:什么|啥|哪些|哪几)")),
    (Kind.LIST, COUNT_OF_THINGS),  # "点名要配几样": the things listed answer how many
    (Kind.COMPARE, re.compile(r"比较|对比|异同|区别|不同|分别|各自|哪些地区|哪几个(?:地区|地方|城市|区县)|各地"
                              r"|比一比|各(?:是|为)?(?:怎么|如何|怎样)"  # "…和…各是怎么处理的" (各是多少: a number)
                              r"|一样吗|一样不|不一样|是否一样|一致吗|是否一致|说法一致")),  # "两个条例说法一样吗"
    (Kind.LEAD, re.compile(r"谁牵头|由谁|哪个部门|哪些部门|牵头单位|责任单位|谁负责|负责部门|牵头|主管部门|谁来"
                           # spoken: "归谁管", "找哪个部门", "跟谁一块弄"
                           r"|归谁|谁管|归哪个|找哪个|跟谁一|和谁一|同谁一|会同谁|会同哪"
                           # "是谁领着干的", "在谁的领导下": who led the work
                           r"|谁领着|谁带着|谁领导|谁的领导"
                           # the bodies it works with or that answer for it: "跟哪几个部门一起弄", "拉上谁琢磨"
                           r"|哪几[个家](?:部门|单位|机构|机关)|(?:拉上|叫上|带上|联合)谁"
                           # who approves: "报谁批准", "找谁批", "哪个机关审批"
                           r"|报谁|谁批|谁审批|哪一?级(?:人民)?政府"
                           # who answers for it or decides: "谁负总责", "谁担责", "谁说了算", "由谁定"
                           r"|谁负(?:总|全面|主要)?责|谁担责|谁说了算|谁决定|谁定"
                           # spoken forms of 牵头: "哪家单位带头", "谁挑头", "谁总抓"
                           r"|(?:谁|单位|部门|机构|机关)来?(?:带头|挑头|领头|总抓|抓总)")),
    (Kind.DEADLINE, re.compile(r"何时|什么时候|什么时间|啥时间|哪一?年|哪个月|哪一天|哪天|几月份?|几号|截止|之前完成"
                               # "防火期是哪几个时段": the periods' dates
                               r"|时间节点|(?:哪|什么|啥)[几一]?(?:个|些)?(?:时段|时间段)|" + CLOCK_QUESTION.pattern
                               # the time limit asked ("审批的时限，…有何不同", "在时限上有什么要求"): a date
                               # or a span answers (not a limit that is part of the case: "未按作业时限作业")
                               + r"|时限(?=[，,、？?。]|$|上|(?:是|为|有)(?:什么|啥|怎|何))")),
    # how long ("多长时间内", "多久", "期限"): a duration is a figure ("三十日内", "2小时内")
    (Kind.NUMBER, re.compile(ASKED_DURATION.pattern + r"|期限|几天|多少天|几小时|几年|几分钟|几秒|几周|几个月"
                             r"|几个小时")),
    # a measure asked by its size: "最高能开多快", "离河道多远" (its unit: ASKED_MEASURE)
    (Kind.NUMBER, ASKED_MEASURE),
    # "哪几家" asks which, not how many
    (Kind.NUMBER, re.compile(r"多少|(?<!哪)几个(?!方面|部分|领域)"
                             r"|(?<!哪)几[项名家次支座处条所台套场倍人户辆艘位件张吨层米]"
                             # "办几期", "查几轮" (not "第几届", an ordinal; not "那几轮", some rounds)
                             r"|(?<![哪那这第])几[期批轮届]"
                             r"|比例|百分之|控制在|率是|数量"
                             r"|目标值|指标")),
    (Kind.LIST, re.compile(r"哪些|哪几|哪[两二三四五六七八九十\d]+[项个条种类大]|有什么|包括|包含|主要任务|措施有"
                           r"|内容|列举|几方面|几个方面"
                           r"|几个部分|几个领域")),
]
# "森林高火险期有什么不同", "两地的汛期": a period noun (…期) compared is compared by its dates
# (not 时期/期间/长期/定期/学期…, which are not periods one dates)
PERIOD_NOUN = re.compile(r"[\u4e00-\u9fff](?<![时初后长近同预定短中前学到逾])期(?![间待望盼货刊限])")
# "修订前后有什么变化", "新旧版本的区别", "2016年版和2022年版": the versions of one law are compared
VERSION_COMPARE = re.compile(r"修订前后|修改前后|新旧|前后(?:两|二)?版|两个?版本|各版"
                             r"|变化|变动|改动|区别|不同|差异|异同|对比|比较|改叫|改称|改名"
                             r"|改了(?:什么|哪些|啥)|(?:修改|修订|修正)了(?:什么|哪些|啥)"
                             # "旧版…和新版分别", "2018年那版里的…，现在的版本…": an old and the current one
                             r"|(?:旧版|老版|(?:19|20)\d{2}年(?:那|的)?版).{0,30}(?:新版|现行|现在的?版)"
                             r"|(?:新版|现行版?).{0,30}(?:旧版|老版)")
# a question that asks two things ("由谁划定？危险区里禁止干什么？"): clauses ended by ？ or ；, each
# with its own question word, are answered one by one
QUESTION_CLAUSE_END = re.compile(r"[？?；;]+"
                                 # "…要纳进啥、还要建哪两个库": a second question joined by 还/又/另外
                                 r"|[，,、](?=(?:还|又|另外|同时|并且)[^，,、？?。]{0,16}?(?:谁|哪|什么|多少|几|啥|怎么))")
# "被偷", "丢了": an everyday verb of two characters in its passive or perfective form, which jieba cuts into
# single characters — a LAY_TERMS word so written is read as one term (rag.evidence.query_terms)
LAY_VERB_FORM = re.compile(r"被[\u4e00-\u9fff]|[\u4e00-\u9fff]了")
# "抽查了多少家企业，反馈了多少项问题": two figures asked, a comma between, each of a thing it names
# (query.question_parts; "新建多少个应急避难场所，改造多少个" asks the second of the first's thing)
FIGURE_ASKED = re.compile(r"(?:多少|几(?!时))(?:[个项家名人次条位所座处倍](?=[\u4e00-\u9fff])"
                          r"|(?![个项家名人次条位所座处倍])[\u4e00-\u9fff])")
# a clause that ends in its question word has asked its question ("…要覆盖多少，…又得多少")
CLAUSE_ENDS_ASKING = re.compile(r"(?:多少|几[个项条家人次位所]?|是谁|由谁|什么|哪些|哪个|哪几个|啥)$")
ASKS = re.compile(r"谁|哪|什么|多少|几|多久|多长|怎么|怎样|如何|何时|是否|能否|能不能|可否|吗|啥"
                  r"|([\u4e00-\u9fff])不\1")  # and a verb asked yes or no: 保不保留, 算不算
# "…能不能挪作他用？自然灾害救助条例怎么说的": a clause that only names where to look asks nothing of its own
_DOC_NAMED = r"[^，,？?]{2,30}?(?:法|条例|办法|规定|细则|规划|要点|计划|预案|报告|文件)(?:里|中|上|里面)?"
SOURCE_CLAUSE = re.compile(rf"^(?:按|依|依照|按照|根据|据)?{_DOC_NAMED}(?:是|又是|具体)?(?:怎么|怎样|如何|咋)"
                           rf"(?:说|讲|规定|写)的?(?:呢|啊)?$|^{_DOC_NAMED}(?:有何|有什么|对此有何)规定$")
# a section the question names: 第三条, 第二章, 三、, (二), 3., 第12项
# (第三部分: a plan's third top part, written 三、; 三是: an item of a 一是…二是… run)
SECTION_REF = re.compile(
    r"(第[一二三四五六七八九十百零〇]+条(?:之[一二三四五六七八九十])?)|(第[一二三四五六七八九十\d]+[章节])|([一二三四五六七八九十]+、)"
    r"|(第[一二三四五六七八九十]+大?(?:部分|块|板块))|((?<![第\u4e00-\u9fff])[一二三四五六七八九十]是|(?<=[“\"])[一二三四五六七八九十]是)"
    r"|([(（][一二三四五六七八九十]+[)）])|(\d{1,2})[.．、]|(?<![\d.])第(\d{1,2})[条项]"
)
SECTION_QUESTION = re.compile(r"[说讲写](?:了|的是?)?些?(?:什么|啥)|内容|有哪些|哪些|有啥|包括|写了|规定|要求"
                              r"|是什么|是哪|指什么"
                              r"|(?:怎么|怎样|如何|咋)[说讲写]"  # "第八十条怎么说"
                              r"|分(?:为|成)?(?:哪|几)[几]?(?:块|部分|个方面|方面)")  # "第五章保障措施分哪几块"
# what a question asks of a section as a whole ("(二)里有哪些任务", "第三章说了什么"): asking for another
# thing ("第三章列出的九大行业领域是哪些", "(五)里…的比例是多少") asks for one thing inside the section
# "“巩固壮大协作发展格局”那一节", "“监管执法精准化”这一部分": a section named by its quoted title
# "石家庄市有没有…的地方性法规": the place's own regulations are asked — its province's report or laws do
# not speak for them (rag.query.unknown_places)
LOCAL_LAW_ASKED = re.compile(r"地方性法规|地方法规|政府规章"
                             r"|(?:自己|本地|当地|本市|市里|省里)(?:的|出台的|制定的)?(?:条例|法规|规章)")
# "八大行动是哪八个", "三大体系建设包括哪些": a set named by its size, asked for its members — a plan
# announces "八大行动" and then gives each as a heading of its own ("(一)开展…行动")
COUNTED_SET_ASKED = re.compile(r"“?([二三四五六七八九十两]+)大([\u4e00-\u9fff]{2,4}?)”?[^，,。？?]{0,8}?"
                               r"(?:是|有|包括|包含|指|分别)[^，,。？?]{0,4}(?:哪|什么|啥)")
TITLED_SECTION = re.compile(r"[“\"]([^”\"]{4,40})[”\"](?:那|这)?一?(?:节|部分|章|块|板块|段|小节)")
SECTION_WHOLE_WORDS = frozenset({"任务", "内容", "工作", "措施", "举措", "要求", "方面", "事项", "重点", "规定",
                                 "安排", "部署", "东西", "事", "事情", "目标", "主要任务", "重点任务", "工作任务",
                                 "条目", "小节", "块", "部分", "板块"})  # "分哪几块": its parts
# "分哪几个方面", "框架": the parts of the whole document are asked for
OUTLINE_QUESTION = re.compile(r"哪[几两二三四五六七八九十]+[个大项]?(?:方面|部分|章)"
                              r"|[几两二三四五六七八九十]+大(?:方面|部分)|分几章|框架|结构"
                              r"|目录|大纲"
                              # "五个部分的标题", "各章标题": the parts named by their headings
                              r"|[几两二三四五六七八九十]+个?(?:部分|方面|章|大块)的?(?:标题|题目)|各(?:个)?(?:部分|章)的?(?:标题|题目)")
OUTLINE_OF = re.compile(r"要点|规划|计划|文件|预案|方案")
# "共分几个方面", "一共分了几大块", "包括几个“持之以恒”": how many parts a document or one of its sections
# has — counted off the section tree, never read from a sentence (no sentence says it)
PARTS_COUNTED = re.compile(r"(?:分|分为|分成|分了|包括|包含|列了|列出|有)(?:几|多少)(?:个|大)?"
                           r"(?:部分|方面|块|板块|大块|章|[“\"])")
# "共多少条", "拢共列了多少条": how many numbered items (a law's articles) the whole has
ITEMS_COUNTED = re.compile(r"(?:共|一共|总共|拢共|统共|合计)(?:有|列了|列出|分了?|计|提了?|提出了?)?(?:几|多少)[条项]")
# "（三）一共包括几条", "“持续深化改革创新”下面分了几条", "（五）下面有几条": how many items a section the
# question names (by number or quoted title) has — never the whole document ("安全生产法有几条关于…的规定")
SECTION_ITEMS_COUNTED = re.compile(r"(?:分了?|分为|分成|有|包括|包含|列了|列出|下设|设了?)(?:几|多少)(?:个|大)?[条项]")
# "讲队伍能力建设那部分", "讲隐患清零的那块", "说法治化的那一块": a section named in speech by its topic, words
# of its title (checked against the document's headings)
SECTION_BY_TOPIC = re.compile(r"(?:讲|说|写|关于)([\u4e00-\u9fff]{3,16}?)的?(?:那|这)一?大?(?:块|部分|节|章|段|篇)"
                              r"|(?:块|部分|节|章)(?:讲|说|写)(?:的是)?([\u4e00-\u9fff]{3,16}?)(?:的|那|，|,)")
# "提出了几条基本原则", "列了几项主要任务": a count right before a section's own title counts that section's
# parts (the title is checked against the document's headings; a topic word is no section)
NAMED_PART_COUNT = re.compile(r"(?:几|多少)(?:条|个|项|大|方面)?")
# a run-in head: a short sentence of two short phrases that opens an unmarked item ("坚持以人为本,筑牢底线思维。")
RUN_IN_HEAD = re.compile(r"(?:^|(?<=[。；;:：]))\s*([\u4e00-\u9fff][^。；;，,：:\s]{3,11}[，,][^。；;，,：:]{3,11})。")
# the document itself is what is counted ("那份要点一共分了几大块", "正文共分为几个部分"), not a topic
# inside it ("政企应急协同要在几个方面下功夫"): its genre word, or 正文/全文, just before the count
COUNTED_WHOLE = re.compile(r"(要点|规划|计划|文件|预案|方案|报告|条例|法|办法|规定|正文|全文)[^，,。？?；;]{0,8}?$")

# === years ==================================================================================
# "今年", "那年": the year of the plan of the region asked about, shifted
RELATIVE_YEARS = {"今年": 0, "本年度": 0, "当年": 0, "那年": 0, "那一年": 0, "明年": 1, "去年": -1}
# the five-year plans and their first years
FIVE_YEAR_START = {"十三五": 2016, "十四五": 2021, "十五五": 2026}
# "绍兴市应急管理“十四五”规划里", "十三五规划当时定的": a five-year plan named as a document (the period's own
# plan), not the period ("十四五规划期间", "规划实施以来", "规划时期" say when)
PERIOD_PLAN = re.compile(r"(十[三四五]五)[”\"]?\s*(?![期时])[\u4e00-\u9fff]{0,8}?规划"
                         r"(?!期|时|以来|实施|末|中期|开局|收官|纲要)")
# "2025年政府工作报告", "2022年工作要点": the year names the document itself, not a year it looks back on
GENRE_OF_YEAR = re.compile(r"(?:19|20)\d{2}\s*年(?:度)?的?[\u4e00-\u9fff]{0,8}?"
                           r"(政府工作报告|工作报告|工作要点|工作计划|规划|预案)")
# "去掉“试行”后的正式版", "正式施行的版本": a trial rule's formal version, another document
FORMAL_VERSION = re.compile(r"正式版|正式稿|正式文本|正式出台的|去掉[“\"]?(?:试行|暂行)")
# a year in a question about a law's versions is a version, not a plan year
# (the word beside the year: "要修订多少个预案" is a plan's task, not a version)
VERSION_WORDS = re.compile(r"(?:19|20)\d{2}\s*年?\s*(?:版|修订|修正|修改|施行|公布|颁布|通过)"
                           r"|(?:修订|修正|修改)(?:版|前|后)|旧版|新版|《")
# "完善《…补偿工作办法》": a document a plan will draft or revise is a task of the plan, not a source
# (studying or publicising a law is a plan's task too: "通那年学《突发事件应对法》这些法规，是哪几级一起学")
DOC_AS_TASK = re.compile(r"(?:完善|制定|制订|出台|修订|修编|修改|起草|编制|印发|宣贯|贯彻|落实|推动|推进"
                         r"|学|学习|宣传|宣讲|普及|培训|解读|编印|编写|印制|编"
                         # "编那本《以案释法》小册子": a demonstrative and classifier may stand between
                         r")(?:[这那一][本份部册套个])?[“《]?$")
# "通知附件里那份清单有哪些": the content of an attachment asked (a special-equipment 安全附件 is no attachment)
ATTACHMENT_ASKED = re.compile(r"(?<!安全)附件[一二三四五六七八九十\d]*"
                              r"(?:里|中|上|内|的|所列|列的|列了|列出|列明|有哪|有什么|是什么|包括|写了)")
# "对照…共性问题清单（见附件）", "（附件2）": the text points to an attachment of its own
ATTACHMENT_CITED = re.compile(r"[(（]见?附件[一二三四五六七八九十\d、]*[)）]|详见附件|见附件")
# "汉中市有没有专门的暴雨灾害预警与响应规定": a place, then a question of whether it has a rule of its own,
# then the rule's name — the place's own rule is asked, as if the name followed the place directly
OWN_RULE_FRAME = re.compile(r"(?:有没有|是否有|有无|是不是有|有没|也有|还有)(?:出台|制定|制订|专门|单独|自己)?的?")
# "《2022年全省应急管理工作要点》给全省定的…", "《…实施方案》里": a plan, programme or notice quoted by its
# title and asked inside — a document the question names (missing when no held title is it)
QUOTED_PLAN_ASKED = re.compile(r"《([^《》]{4,40}(?:工作要点|工作计划|规划|方案|预案|意见|通知|报告))》"
                               r"(?=[里中内]|给|规定|提出|明确|要求|定的|确定)")
# "长三角那份重大突发事件总体应急预案里": a document pointed at (那份/这份) by its title words and asked
# inside (里/中); its owner, when said, stands before the pointer
POINTED_DOCUMENT = re.compile(r"([\u4e00-\u9fff]{2,6}?)?(?:那份|这份|那个|这个|那部|这部)"
                              r"([\u4e00-\u9fff“”]{4,30}?(应急预案|预案|规划|行动方案|实施方案|工作方案))"
                              r"(?=里|中|内|上|当中|规定|提出|要求|明确)")
# "《…补偿工作办法》由应急管理部门会同哪些部门完善": the same, said after the name
DOC_TASK_AFTER = re.compile(r"^[》”]?[^？?。；]{0,20}?(?:完善|制定|制订|出台|修订|修编|起草|编制|印发)"
                            # "新安全生产法的宣传这块": a law's publicising, said right after its name
                            r"|^[》”]?的?(?:宣传|宣贯|贯彻|学习|普及|宣讲|解读)")
# "杭州市2022年…", "宁波今年…": a place followed by the year asked about is the region asked about,
# even when the held documents mention it ("杭州亚运会")
# "杭州那边…" opening a question: the place is where the asker asks about, as with its year; a
# place the documents only mention (绍兴's plan names 杭州亚运会) does not make it held
PLACE_AS_FRAME = re.compile(r"^[市省区县]?(?:那边|这边|那儿|这儿|那里|这里|那头|这头)")
QUESTION_OPENING = re.compile(r"^(?:请问|问一下|那么?)?[，,\s]*$")
PLACE_OF_YEAR = re.compile(r"^[市省区县]?\s*(?:的)?\s*(?:(?:19|20)\d{2}\s*年|今年|明年|去年|那年|本年度)")
# "上海应急局22年说要…", "沪和绍兴22年": a spoken two-digit year is 20XX (not "有效期10年", "近15年")
SHORT_YEAR = re.compile(r"(?<![\d.第近约共满达为期存于过])(1[5-9]|2\d|3[0-5])\s*年"
                        r"(?!代|来|以来|内|以上|以下|以内|左右|期|后|前)")
# "2025年前", "到2025年": a target date inside a plan, not the year of the document asked about
TARGET_YEAR_BEFORE = re.compile(r"(?:到|至|截至|截止|于|在)\s*$")
TARGET_YEAR_AFTER = re.compile(r"^\s*(?:年底|年末|年前|年以前|年之前|年内完成)")

# === names of things ========================================================================
# abbreviations plans use beside the full form, both ways round
ABBREVIATIONS = {
    "安委办": "安委会办公室",
    "安委会": "安全生产委员会",
    "减灾办": "减灾委员会办公室",
    "防汛办": "防汛防台指挥部办公室",
    "森防办": "森林防灭火指挥部办公室",
    "安监": "安全生产监督管理",  # 安监局, 安监部门: the former 安全生产监督管理局
    "卫健": "卫生健康",  # 卫健委, 卫健部门: 卫生健康委员会 (before 2018 texts write 卫生行政部门: LAY_TERMS)
    "应急预案": "应急救援预案",  # laws write both for one thing (安全生产法: 生产安全事故应急救援预案)
    "危化品": "危险化学品",
    "危化": "危险化学品",
    "安责险": "安全生产责任保险",
    "防汛防台": "防汛防台风",
    "三防": "防汛防台抗旱",
    "双重预防": "安全风险分级管控和隐患排查治理双重预防机制",
    "十四五": "“十四五”",
    "低保": "最低生活保障",  # 低保家庭, 低保标准: laws write 最低生活保障家庭/标准
    "防雷": "雷电防护",  # 防雷装置: renamed 雷电防护装置 in the 2016 气象法 and the rules after it
    "水保": "水土保持",  # 水保法, 水保设施
    "医保": "医疗保险",  # 城乡居民医保: 城乡居民基本医疗保险
    "民航": "民用航空",  # 民航局, 民航应急管理规定: 中国民用航空局, 《中国民用航空应急管理规定》
    "GDP": "生产总值",  # reports write 地区生产总值
    "经济增速": "生产总值增长",  # and the economy's growth as 地区生产总值增长
    "经济增长": "生产总值增长",
}
# everyday words and the statutory words laws and plans write for the same thing (one way: the text
# never writes the everyday word for it); general legal usage, not any one document's wording
LAY_TERMS = {
    "卫健": ["卫生行政"],  # the body renamed in 2018: laws of before write 卫生行政部门
    "总责": ["全面负责", "全面责任"],  # "负总责": laws write 对…全面负责, 负全面责任
    "核电站": ["核电厂"], "撞船": ["碰撞"], "逃跑": ["逃逸"],  # laws write 核电厂, 船舶碰撞, 肇事逃逸
    "上牌": ["登记", "号牌"],  # a vehicle "上牌" is its registration: laws write 申请登记, 悬挂号牌
    "年龄": ["周岁"],  # an age limit: laws write 年满十六周岁, 十二周岁以下
    "鞭炮": ["烟花爆竹"], "炮仗": ["烟花爆竹"], "放鞭炮": ["燃放烟花爆竹"], "放炮": ["燃放烟花爆竹"],
    "放烟花": ["燃放烟花爆竹"], "电动车": ["电动自行车"], "电瓶车": ["电动自行车"],
    "物业": ["物业服务企业", "物业服务单位"], "物业公司": ["物业服务企业", "物业服务单位"],
    "老板": ["主要负责人"], "一把手": ["主要负责人"],
    "员工": ["从业人员"], "工人": ["从业人员"], "职工": ["从业人员"], "公司": ["企业", "生产经营单位"],
    # (企业: laws and notices count enterprises as 生产经营单位 — "抽查…生产经营单位 57 家")
    "企业": ["生产经营单位"],
    "工厂": ["生产经营单位", "企业"], "着火": ["火灾"], "失火": ["火灾"], "罚钱": ["罚款"], "坐牢": ["刑事责任"],
    "工地": ["施工现场"], "山林": ["森林"], "煤气": ["燃气"], "液化气": ["液化石油气"],
    "危险品": ["危险物品", "危险化学品"], "消防通道": ["消防车通道", "疏散通道"], "灭火器": ["消防器材"],
    "上报": ["报告"], "开车": ["驾驶"], "小区": ["住宅区"], "住宅小区": ["住宅区"],
    "盖房子": ["建造房屋"], "盖房": ["建造房屋"], "收尾": ["收官"], "督着": ["督促"], "救火": ["灭火", "消防"],
    "关掉": ["关闭", "闭库"], "炸药": ["爆炸物品", "民用爆炸物品"],
    # a government is said 县政府 and written 县人民政府, often with its level's other kinds beside it
    "省政府": ["省人民政府", "省级人民政府", "省、自治区、直辖市人民政府"],
    "市政府": ["市人民政府", "市级人民政府", "设区的市人民政府", "市（州）人民政府"],
    "县政府": ["县人民政府", "县级人民政府", "县（市、区）人民政府", "县（市）人民政府", "区县人民政府",
            "县级以上地方人民政府", "县级以上人民政府"],
    "区政府": ["区人民政府", "区级人民政府", "区县人民政府", "县（市、区）人民政府"],
    "乡政府": ["乡人民政府", "乡镇人民政府"], "镇政府": ["镇人民政府", "乡镇人民政府"],
    "省里": ["省级"], "市里": ["市级"], "县里": ["县级"], "区里": ["区级"],
    "厂子": ["生产经营单位", "企业"], "厂家": ["生产经营单位", "企业"], "开办": ["举办"],
    "开业": ["营业"], "开张": ["营业"], "挪作他用": ["挪用"],
    "民间救援队": ["社会应急力量", "社会救援力量"], "民间救援": ["社会应急力量", "社会救援力量"],
    "楼宇": ["建筑物"], "骗领": ["骗取"],  # laws write 建筑物 and 骗取救助资金
    "处罚": ["罚款", "警告", "处分"],  # "怎么处罚": a law imposes a fine, a warning, a sanction
    "罐装": ["瓶装"], "煤气罐": ["瓶装燃气"], "液化气罐": ["瓶装燃气"],  # gas in cylinders: 瓶装燃气
    "钢瓶": ["气瓶", "瓶装燃气"], "送气工": ["送气人员", "送气服务"],  # (laws write 气瓶, 送气人员)
    "花钱": ["资金", "经费", "预算"], "经费": ["资金", "预算"],  # spending is written as funds and budgets
    "消防栓": ["消火栓"],
    "比武": ["竞赛", "比赛"], "争取": ["力争"], "放开": ["开放"],  # "技能比武", "争取不死人", "把场地放开"
    "上门": ["入户"], "高层住宅": ["高层建筑"],  # "上门检查" is written 入户检查; laws say 高层建筑
    "庄稼": ["农作物"], "开荒": ["开垦"], "种庄稼": ["种植农作物"],  # laws: 开垦种植农作物
    "追回": ["追缴"], "商量": ["协商"],  # 追缴丢失、被盗的放射源; 协商不成的
    "大堤": ["堤防", "上堤"], "大水": ["洪水"], "闲杂人员": ["无关人员"],  # "在防汛抢险期间，无关人员和车辆不得上堤"
    "不能": ["禁止", "不得"], "不许": ["禁止", "不得"], "不让": ["禁止", "不得"], "不准": ["禁止", "不得"],
    "严禁": ["禁止", "不得"],  # a prohibition, as laws write it
    "告诉": ["通知", "告知"],
    # "从哪天开始实施": a law says when it takes effect as "本条例自…起施行"
    "开始实施": ["起实施", "起施行"], "开始施行": ["起施行", "起实施"], "开始生效": ["起施行", "起实施", "起生效"],
    "派出所": ["公安机关"], "警察": ["公安机关"],  # the police station is a 公安机关 in statute
    "老百姓": ["个人", "公民", "群众", "居民", "公众"], "消息": ["信息"],  # (预警消息: 预警信息)
    "家底": ["底数", "底子"],  # "摸清家底": 摸清底数
    "车间": ["作业场所", "工作场所"], "罐子": ["容器"],
    "大病": ["疾病"], "钱物": ["款物"], "怀孕": ["孕期"], "女工": ["女职工"], "体检": ["健康检查"],
    "小孩": ["未成年人", "儿童"], "小孩子": ["未成年人", "儿童"],
    "牌子": ["品牌"], "责任险": ["安责险", "责任保险"],  # a plan's 党建品牌; 安全生产责任险 is 安责险
    "吸取": ["汲取"], "盯着": ["监督", "跟踪"],  # 汲取…教训 is the written form; "谁来盯着" asks who oversees
    # "消除不了", "没法保证": a potential complement's negative is written 不能/难以/无法 (不能当场消除的)
    "不了": ["不能", "难以", "无法"], "没法": ["不能", "无法", "难以"], "没办法": ["不能", "无法", "难以"],
    "保证": ["确保"],  # "没法保证安全" is written 不能确保的
    # insurance is named by its kind with 险 (安全生产责任险, 巨灾险) and bought as 投保
    "保险": ["投保", "责任险", "巨灾险", "意外险", "工伤险", "安责险"],
    "唱主角": ["牵头抓总", "牵头", "主导"],  # who "plays the lead" is who 牵头抓总
    "收钱": ["收取", "收费", "费用"], "安保": ["安全保卫", "保障安全"],  # laws: 收取…费用, 以保障安全为由
    "管用": ["效力", "有效"],  # "和纸质证一样管用吗": 具有同等效力
    "成立": ["组建", "设立"], "拉起": ["组建", "建立"],  # an organisation set up, a team pulled together: 组建
    "空中救援": ["航空救援", "航空应急救援"], "直升机": ["航空救援", "航空应急救援"],  # aviation rescue, as written
    "大灾": ["巨灾"],  # catastrophe insurance and reserves are written 巨灾保险/巨灾风险
    "山火": ["森林火灾", "林火", "森林防灭火", "森林防火"],  # a hill fire is written 森林火灾 (森林防灭火)
    "厉害": ["极端", "严重"], "停下来": ["停"],  # "特别厉害的天气…让啥停下来": 极端天气“六停”(停工…)
    "回过头来": ["复盘", "回顾"], "回头看": ["复盘", "回顾"],  # looking back on an event is 复盘
    "混在一起": ["混合"], "分不开": ["不能分离"],  # "混合且不能分离的，按照危险废物管理"
    # an application is answered by a decision: "多少天内给答复" is written "…日内作出决定", "决定是否准予"
    "答复": ["决定"],
    # "收不收费", "单位能收费吗": a law answers by saying it is free (免费检验, 无偿提供)
    "收费": ["免费", "无偿"],
    "给补": ["补偿", "补助"],  # "国家给不给补" (给补 once A-not-A is read): statutes 给予补偿/补助
    # a telecom carrier is written 通信运营单位/电信运营企业; a restaurant 餐饮服务场所, its kitchen 烹饪操作间
    "运营商": ["运营单位", "运营企业"], "饭店": ["餐饮"], "饭馆": ["餐饮"], "后厨": ["烹饪操作间", "厨房"],
    # "丢了或者被偷了": 发现丢失、被盗时 (searched for: jieba keeps neither whole as a term);
    # "禁止组织未成年人参加火灾扑救"
    "丢了": ["丢失"], "被偷": ["被盗"], "偷了": ["被盗"], "中学生": ["未成年人"],
    "部队": ["军队", "军地", "驻军"],  # "跟部队一块抢险救灾": 军地协同, 驻通部队 (the army is written 军队)
    "帮着": ["协助"],  # "由谁帮着存放": 由军队…协助存储 (not 存放 itself: laws write it, "单独存放")
    "塞进": ["纳入"], "放进": ["纳入"], "加进": ["纳入"],  # "把安全教育塞进…": 将安全教育纳入国民教育…
    # an employee who quits is, in statute, one who leaves the employer (离开用人单位, 解除劳动合同)
    "辞职": ["离开用人单位", "解除劳动合同"], "离职": ["离开用人单位", "解除劳动合同"],
    "超期": ["逾期"], "借用": ["使用"],  # statutes write 逾期不予备案, 可以使用…设施
    # transport statutes write the service, not the vehicle: 客运/旅客, 货运/货物; a trip out of the
    # province is 跨省 (转移); "超员" is written 超过核定的人数
    "客车": ["客运", "旅客"], "货车": ["货运", "货物"], "外省": ["跨省", "省外"], "超员": ["超过核定的人数"],
    # "避险的地方": a place is a 场所/地点 in plans and statutes; 紧急避险 is written 应急避难
    # (not 地方 in its sense of local: LOCAL_SENSE)
    "地方": ["场所", "地点"], "避险": ["避难"], "紧急": ["应急"], "场馆": ["馆"],
    # a limit asked as 最大/至少 is written as one: 不超过/以下, 不少于/以上 ("年龄不超过60周岁")
    "最大": ["不超过", "以下", "以内", "上限"], "最多": ["不超过", "以下", "以内", "上限"],
    "最高": ["不超过", "以下", "上限"], "至多": ["不超过", "以下", "以内"], "最长": ["不超过", "以内"],
    # principles kept are written 遵循/坚持…原则; "规矩" in speech is a written 原则, 规定 or 规范
    "官司": ["诉讼"], "搭伙": ["协作", "合作"],  # "打公益官司": 公益诉讼
    # statutes name things by their kind: a house 房屋/住宅, a chemical plant a 企业, farmland under the
    # soil law 农用地, a temporary shed 临时建筑 (not 司机 → 驾驶人: "出租车司机的年龄上限" was answered with
    # another driver's, where the law leaves taxis to the State Council)
    "房子": ["房屋", "住宅", "住房"], "商品房": ["住宅"], "化工厂": ["化工企业", "企业"],
    "耕地": ["农用地"], "板房": ["临时建筑"], "便桥": ["临时建筑"], "团雾": ["雾"],
    "晚报": ["迟报"], "报晚": ["迟报"],  # an accident reported late is written 迟报 (beside 瞒报, 漏报)
    "修编": ["修订"],  # a plan's 修编 of its 预案 is another plan's 修订 (and a law's: "应急预案…及时修订")
    "摸底": ["调查", "普查", "排查"], "联手": ["协同", "联合", "合作"],  # finding out is 调查/普查; joining forces 协同
    "规矩": ["原则", "规定", "规范"], "守住": ["遵循", "坚持", "遵守"], "讲究": ["遵循", "坚持"],
    "至少": ["不少于", "以上", "不低于"], "最少": ["不少于", "以上", "不低于"], "最低": ["不低于", "不少于", "以上"],
}
# 地方 as "local" (地方性法规, 地方人民政府, 地方各级): not the everyday word for a place
LOCAL_SENSE = re.compile(r"地方(?=性|政府|人民|各级|标准|立法|财政|党委|债|病)")
# short names of laws as officials say them (a fact of usage, like 沪 for 上海)
LAW_SHORT_NAMES = {"安法": "安全生产法", "安全法": "安全生产法", "安生法": "安全生产法",
                   "应对法": "突发事件应对法", "突发法": "突发事件应对法", "防震法": "防震减灾法",
                   "特设法": "特种设备安全法", "人防法": "人民防空法"}
# multi-character nicknames of places the gazetteer does not carry
REGION_ALIASES = {"沪": "上海", "申城": "上海", "浙": "浙江", "苏": "江苏", "甬": "宁波", "杭": "杭州"}
# a place followed by a document's name is that document's region ("江苏省安全生产条例")
DOC_NAME_AFTER = re.compile(r"^[\u4e00-\u9fff\d“”\"《》]{0,16}?"
                            r"(?:条例|办法|规定|政府工作报告|工作报告|工作要点|工作计划|规划|预案)")
# a contingency plan is named for the emergency it meets ("地震", "突发地质灾害", "森林火灾", "生产安全事故")
PLAN_HAZARD = re.compile(r"灾|震|火|汛|洪|旱|涝|台风|潮|事故|事件|疫|污染|泄漏|危|险|安全|救助|救援|冰冻|雪|雷"
                         r"|气象|地质|矿|化学|核|停电|供水|燃气|踩踏|恐怖")
# …and a task on plans is no plan's name ("绍兴改防汛防台预案", "南通推动应急预案数字化")
PLAN_TASK_VERBS = frozenset("修订 修改 编制 制定 推动 完善 推进 开展 落实 建立 健全 启动 执行 实施 印发 出台 优化"
                            .split())
# words ending in 法 that are not the name of a law
NOT_LAW_NAMES = ("办法", "方法", "做法", "想法", "说法", "看法", "依法", "执法", "违法", "合法", "立法", "守法", "用法",
                 "写法", "算法", "手法", "技法", "司法", "无法", "设法", "兵法", "提法", "讲法", "叫法", "打法", "玩法")
# jieba tags of a title's words: no pronoun, particle or preposition
TITLE_WORD_FLAGS = ("n", "v", "x", "j", "b", "l", "a", "i")  # i: jieba tags 安全事故 an idiom
ASKING = ("什么", "哪", "怎么", "如何", "是否", "吗")
# genre names are filters, never topics (应急预案 and 规划 are topics too: not here)
GENRE_WORDS = ("政府工作报告", "工作报告", "工作要点", "工作计划", "旧版", "新版", "老版", "修订版", "现行",
               "地方性法规", "行政法规", "部门规章", "政府规章", "规范性文件")


@dataclass(frozen=True)
class Weights:
    """Every weight and threshold of the extractive answerer, chosen on the development gold sets
    only. ``planqa eval --weights support=0.45`` sweeps them."""

    support: float = 0.5  # coverage of the question's content terms needed to answer at all
    floor_ratio: float = 0.75  # other sentences must reach this share of the best one's coverage
    context: float = 0.25  # a heading's words count this much for the sentences under it
    context_coverage: float = 0.8  # coverage read with the heading counts at this share
    number_boost: float = 1.3  # a number question prefers sentences with a figure
    date_boost: float = 1.3  # a deadline question prefers sentences with a date
    penalty_boost: float = 1.3  # a penalty question prefers sentences that impose one
    lead_boost: float = 1.2  # a lead question prefers sentences that name who leads
    agent_boost: float = 1.2  # …and sentences that name a body as the one acting or turned to
    heading_lead: float = 0.9  # a heading names a task, never who does it: below a body sentence as good
    penalty_lead: float = 0.8  # a penalty provision names who punishes: below who is in charge or approves
    same_provision: float = 0.6  # versions' same-numbered articles are one provision when they share this much
    compare_article: int = 240  # a compared law's article this short is said whole (the unit of citation)
    national_default: float = 1.5  # no place named: a national law's passage counts this much more than a local one's
    penalty_support: float = 0.4  # a penalty provision answers "怎么罚" with this share of the duty's coverage
    announce_boost: float = 1.5  # "五项机制是哪些" prefers the sentence that announces 五项机制
    # "要组织哪些…活动" prefers the sentence that enumerates members of the kind ("…、…等活动")
    enumeration_boost: float = 1.5
    recipient_boost: float = 1.3  # "向哪个部门申请" prefers sentences that say 向…申请/报告 (the same frame)
    criterion_boost: float = 1.3  # "按啥标准" prefers sentences that say 按照“…”的要求 (the same frame)
    bodies_boost: float = 1.5  # "哪几个办" prefers a sentence naming several of that kind (…办、…办)
    name_boost: float = 1.3  # a name question prefers a quoted name (again if it ends in the word asked)
    item_heading: float = 0.9  # a list question: an item's heading this close to a sentence in it answers
    context_clause: float = 0.5  # the first clause's words, read with a later clause of a two-part question
    sentence_tie: float = 0.98  # a passage's second sentence this close to its best is answered too
    permission_boost: float = 1.2  # "能不能…" prefers a sentence that permits or forbids (可以, 不得, 禁止)
    role_boost: float = 1.3  # "在分析存在问题时…" prefers the passages of the part it points at (PROBLEM_FRAME)
    contents_boost: float = 1.5  # "包括哪些内容" prefers the sentence that states a content (内容应当包括)
    definition_boost: float = 1.3  # a definition question prefers sentences that define (所称, 是指, 包括)
    rank_decay: float = 0.03  # retrieval order breaks ties
    low_weight: float = 0.3  # LOW_WEIGHT, FRAMING and category words count this much
    asked_kind: float = 0.3  # the noun after 什么/哪些 counts this much
    predicate: float = 2.0  # the word asked about ("要打造什么") counts this much more
    quoted: float = 1.5  # a quoted name in the question
    unseen_phrasing: float = 0.2  # a word no document uses and that is not a noun
    rare_df: float = 3  # a verb in this few passages, none of them found, is the asker's wording
    compare_support: float = 0.8  # a compared region's line needs this share of ``support``
    # a compared part's sentence naming the topic answers at this share of the best part's coverage
    compare_relative: float = 0.45
    # a compared part with no sentence of its own answers by the sentence sharing this much of another
    # part's answer (rare character pairs weighted by rarity; 0 turns it off)
    compare_parallel: float = 0.2
    compare_peer: float = 0.7  # a word this share of the anchor's weight, named by a compared part, names its topic
    distinctive_idf: float = 1.5  # a compound's part this rare tells its topic (安全, 管理 do not)
    list_item_margin: float = 1.5  # a list item decides a figure when it leads the next by this
    # when BM25 and dense search agree on a clear leader (the runner-up's fused score at most
    # agreed_margin of it), its best sentence answers with this much coverage: people do not ask
    # in the documents' words, and two independent rankings agreeing is evidence of its own
    agreed_support: float = 0.30
    named_document_support: float = 0.3  # the question names the document it asks about
    conjunct_term: float = 0.5  # "A和B是多少": a term this share of the heaviest, unsaid, is said by another sentence
    conjunct_support: float = 0.25  # that sentence's coverage
    five_year_support: float = 0.8  # "过去五年…多少": a five-year figure this share of the best coverage comes first
    agreed_margin: float = 0.70
    # a passage's sentence the kind ranks first, saying at least this share of what its neighbour in the
    # same passage says (which reaches ``support``), answers for the passage
    sibling_share: float = 0.75
    # "哪些高危行业…": the sentence listing the things asked by name answers when it says this share of
    # what its neighbour in the same passage says
    listing_share: float = 0.6
    # dense cosines of e5 sit close together (0.85-0.93): a runner-up this little above the leader
    # is a tie, not a disagreement
    agreed_dense_tie: float = 0.003
    # a question whose topic word no retrieved passage names needs this much coverage from the rest
    anchorless_support: float = 0.75

    @classmethod
    def parse(cls, spec: str) -> "Weights":
        """"support=0.45,floor_ratio=0.7" → Weights; an unknown name or a non-number is a ValueError."""
        known = {f.name for f in fields(cls)}
        changes: dict[str, float] = {}
        for part in filter(None, (p.strip() for p in (spec or "").split(","))):
            name, _, value = part.partition("=")
            name = name.strip()
            if name not in known:
                raise ValueError(f"未知的权重“{name}”；可用：{', '.join(sorted(known))}")
            try:
                changes[name] = float(value)
            except ValueError:
                raise ValueError(f"权重“{name}”的值必须是数字，得到“{value}”") from None
        return replace(cls(), **changes)


DEFAULT_WEIGHTS = Weights()
