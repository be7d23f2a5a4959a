"""Synthetic wire stories and realistic reprint edits for the syndication tests."""

# ruff: noqa: RUF001, E501 - the stories are written in their own scripts, one paragraph a line

from __future__ import annotations

import random

_PLACES = ["GENEVA", "LIMA", "OSLO", "NAIROBI", "HANOI", "QUITO", "TUNIS", "RIGA", "DAKAR", "SEOUL"]
_PEOPLE = [
    ("Walid", "al-Mouallem"),
    ("Sergei", "Ivanov"),
    ("Yusuf", "Khalidi"),
    ("Maria", "Fernandes"),
    ("Ahmed", "al-Rashid"),
    ("Olga", "Petrova"),
    ("Chen", "Weiming"),
    ("Kofi", "Mensah"),
]
_NOUNS = ["port", "railway", "refinery", "grain deal", "bond issue", "pipeline", "airline", "mine"]
_VERBS = ["expand", "suspend", "review", "finance", "sell", "rebuild", "inspect", "close"]
_TOPICS = ["harbour", "labour", "centre", "defence", "programme", "organisation"]


def make_story(seed: int, paragraphs: int = 7) -> list[str]:
    """A wire story: a lead and body paragraphs with names, places and numbers."""
    rng = random.Random(seed)
    first, last = rng.choice(_PEOPLE)
    place = rng.choice(_PLACES)
    noun, verb, topic = rng.choice(_NOUNS), rng.choice(_VERBS), rng.choice(_TOPICS)
    amount = rng.randint(11, 990)
    day = rng.choice(["Monday", "Friday"])
    out = [
        f"The government of {place.title()} plans to {verb} the {noun} near the {topic} "
        f"at a cost of {amount} mln dlrs, minister {first} {last} said on {day}.",
    ]
    for i in range(paragraphs - 1):
        words = rng.sample(
            [
                "officials",
                "expect",
                "the",
                "work",
                "to",
                "take",
                "several",
                "months",
                "while",
                "unions",
                "and",
                "local",
                "companies",
                "weigh",
                "in",
                "on",
                "the",
                "plan",
                "and",
                "lenders",
                "study",
                "the",
                "terms",
                "of",
                "the",
                "loan",
                "offered",
                "by",
                "a",
                "group",
                "of",
                "regional",
                "banks",
                "under",
                "pressure",
                "from",
                "investors",
            ],
            18,
        )
        num = rng.randint(2, 9000)
        out.append(
            f"{last} told a news conference the {noun} had handled {num} tonnes in "
            f"{1990 + i + seed % 20} and that " + " ".join(words) + f" by {rng.randint(2, 30)} pct."
        )
    return out


def wire_version(story: list[str], place: str, agency: str = "Reuters") -> str:
    lead = f"{place}, Mar 6 ({agency}) - " + story[0]
    return "\n\n".join([lead, *story[1:], "(Reporting by Ann Smith; Editing by Tom Brown)"])


def outlet_page(body: list[str], outlet: str, headline: str | None = None) -> str:
    """The outlet's header and footer around a body (its own repeated lines)."""
    header = [f"Welcome to {outlet}, your trusted source of regional news and analysis"]
    footer = [
        f"Subscribe to the {outlet} morning briefing to receive our best stories every day",
        f"Copyright {outlet}. Our journalism relies on readers like you, please support us",
    ]
    parts = ([headline] if headline else []) + header + body + footer
    return "\n\n".join(parts)


def respell(text: str) -> str:
    return (
        text.replace("al-Mouallem", "Moualem")
        .replace("Ivanov", "Ivanoff")
        .replace("Khalidi", "Halidi")
        .replace("harbour", "harbor")
        .replace("labour", "labor")
        .replace("centre", "center")
        .replace("mln dlrs", "million dollars")
        .replace(" pct", " percent")
    )


# Wire stories in other scripts, written for these tests: a dateline with the
# agency's native credit, four body paragraphs, and a second, unrelated story
# of the same agency (a different story must stay apart).
NATIVE_STORIES: dict[str, dict[str, object]] = {
    "urdu": {
        "agency": "APP",
        "dateline": "اسلام آباد (اے پی پی)",
        "paragraphs": [
            "وفاقی حکومت نے ملک بھر میں بجلی کی ترسیل کے نظام کو بہتر بنانے کے لیے 120 ارب روپے کے نئے منصوبے کی منظوری دے دی ہے۔",
            "وزیر توانائی نے اجلاس کے بعد صحافیوں کو بتایا کہ منصوبے کے تحت 45 نئے گرڈ اسٹیشن تعمیر کیے جائیں گے اور پرانی لائنوں کو تبدیل کیا جائے گا۔",
            "ان کا کہنا تھا کہ اس منصوبے سے دیہی علاقوں میں بجلی کی بندش میں نمایاں کمی آئے گی اور صنعتوں کو بلا تعطل فراہمی ممکن ہو سکے گی۔",
            "حکام کے مطابق منصوبے پر کام آئندہ مالی سال کے آغاز میں شروع ہوگا اور اسے تین برس میں مکمل کیا جائے گا۔",
            "اجلاس میں صوبائی نمائندوں نے بھی شرکت کی اور منصوبے کی نگرانی کے لیے ایک مشترکہ کمیٹی بنانے پر اتفاق کیا گیا۔",
        ],
        "other": [
            "کراچی میں آج شدید بارش کے باعث کئی سڑکیں زیر آب آ گئیں اور شہریوں کو آمد و رفت میں مشکلات کا سامنا کرنا پڑا۔",
            "محکمہ موسمیات نے آئندہ 48 گھنٹوں کے دوران مزید بارش کی پیش گوئی کرتے ہوئے شہریوں کو احتیاط برتنے کی ہدایت کی ہے۔",
            "بلدیاتی اداروں نے نکاسی آب کے لیے اضافی عملہ تعینات کر دیا ہے جبکہ اسکولوں میں چھٹی کا اعلان کیا گیا ہے۔",
        ],
        "mention": "وزیر نے اے پی پی کو بتایا کہ منصوبے پر جلد کام شروع ہوگا۔ اے پی پی کے مطابق اجلاس تین گھنٹے جاری رہا۔",
    },
    "hindi": {
        "agency": "PTI",
        "dateline": "नई दिल्ली, छह मार्च (भाषा)",
        "paragraphs": [
            "केंद्र सरकार ने देश भर में रेल पटरियों के आधुनिकीकरण के लिए 85 हजार करोड़ रुपये की एक नई योजना को मंजूरी दी है।",
            "रेल मंत्री ने संवाददाताओं से कहा कि इस योजना के तहत अगले पांच वर्षों में 12 हजार किलोमीटर पटरियां बदली जाएंगी।",
            "उन्होंने बताया कि नई पटरियों से मालगाड़ियों की गति बढ़ेगी और यात्री गाड़ियों के देर से चलने की समस्या कम होगी।",
            "अधिकारियों के अनुसार पहले चरण में उत्तर और पूर्वी क्षेत्र के व्यस्त मार्गों पर काम शुरू किया जाएगा।",
            "विपक्षी दलों ने योजना का स्वागत किया लेकिन इसके लिए धन जुटाने के तरीके पर सवाल भी उठाए।",
        ],
        "other": [
            "मुंबई में आज सुबह भारी बारिश के कारण कई इलाकों में जलभराव हो गया और लोकल ट्रेन सेवाएं प्रभावित हुईं।",
            "मौसम विभाग ने अगले दो दिनों तक तटीय जिलों में तेज बारिश की चेतावनी जारी की है।",
            "नगर निगम ने निचले इलाकों से लोगों को सुरक्षित स्थानों पर ले जाने के लिए राहत दल तैनात किए हैं।",
        ],
        "mention": "मंत्री ने भाषा को बताया कि हिंदी भाषा के विकास के लिए नई समिति बनाई जाएगी।",
    },
    "arabic": {
        "agency": "Reuters",
        "dateline": "القاهرة (رويترز) -",
        "paragraphs": [
            "قال البنك المركزي المصري يوم الخميس إنه أبقى أسعار الفائدة الرئيسية دون تغيير للمرة الثالثة على التوالي في ظل تباطؤ التضخم.",
            "وأوضح البنك في بيان أن لجنة السياسة النقدية قررت الإبقاء على سعر عائد الإيداع لليلة واحدة عند 27.25 بالمئة.",
            "وأضاف أن معدل التضخم السنوي تراجع إلى 24 بالمئة في الشهر الماضي مقارنة مع 29 بالمئة قبل ثلاثة أشهر.",
            "وتوقع محللون استطلعت آراؤهم أن يبدأ البنك خفض الفائدة في النصف الثاني من العام إذا استمر تراجع الأسعار.",
            "وتسعى الحكومة إلى جذب استثمارات أجنبية جديدة بعد اتفاق تمويل مع صندوق النقد الدولي في وقت سابق من العام.",
        ],
        "other": [
            "افتتحت وزارة الثقافة معرض الكتاب السنوي في الإسكندرية بمشاركة أكثر من 300 دار نشر من 25 دولة.",
            "ويستمر المعرض عشرة أيام ويضم ندوات وأمسيات شعرية وورش عمل للأطفال والشباب.",
            "وقال منظمو المعرض إنهم يتوقعون أن يزيد عدد الزوار على مليون زائر هذا العام.",
        ],
        "mention": "وقال الوزير لرويترز إن الحكومة ستعلن الخطة قريبا. ونقلت وكالة الأناضول عن مصدر قوله إن الاجتماع انتهى.",
    },
    "chinese": {
        "agency": "Xinhua",
        "dateline": "新华社北京3月6日电",
        "paragraphs": [
            "国家发展和改革委员会6日宣布，今年将安排中央预算内投资7000亿元，重点支持交通、能源和水利等领域的重大项目建设。",
            "国家发展改革委有关负责人在新闻发布会上表示，投资将优先投向中西部地区和农村地区，加快补齐基础设施短板。",
            "这位负责人介绍，今年计划新开工高速公路项目120个，新建和改造农村公路超过15万公里。",
            "他说，有关部门将加强对项目资金使用情况的监督检查，确保资金发挥实效，防止出现浪费和挪用。",
            "专家认为，扩大有效投资有助于稳定经济增长预期，同时也将带动相关产业和就业。",
        ],
        "other": [
            "上海市今天举行国际马拉松比赛，来自40多个国家和地区的3万8000名选手参加了比赛。",
            "比赛从外滩出发，途经多个历史街区，最终在体育中心结束，沿途有数十万市民为选手加油。",
            "组委会表示，今年赛事首次启用全程智能计时系统，并增加了医疗救护站的数量。",
        ],
        "mention": "据新华社报道，国务院今天召开常务会议。各方要共同努力，推动工作落实。",
    },
    "russian": {
        "agency": "TASS",
        "dateline": "МОСКВА, 6 марта. /ТАСС/.",
        "paragraphs": [
            "Правительство России утвердило программу развития региональных аэропортов с общим объемом финансирования 180 млрд рублей до 2030 года.",
            "Как сообщил журналистам вице-премьер, в рамках программы будут реконструированы 75 аэропортов в Сибири и на Дальнем Востоке.",
            "По его словам, обновление взлетно-посадочных полос позволит принимать более крупные самолеты и увеличить число прямых рейсов между регионами.",
            "Первые работы начнутся уже этим летом, а завершить программу планируется в течение шести лет.",
            "Эксперты отмечают, что доступность авиаперевозок остается одной из главных проблем для жителей удаленных территорий.",
        ],
        "other": [
            "В Санкт-Петербурге открылась ежегодная выставка современного искусства, в которой участвуют более 200 художников.",
            "Экспозиция разместилась в трех залах бывшего завода и будет работать до конца апреля.",
            "Организаторы рассчитывают, что выставку посетят не менее 100 тысяч человек.",
        ],
        "mention": "Правительство объявило о новом плане, сообщает ТАСС. Об этом также передает РИА Новости.",
    },
    "japanese": {
        "agency": "Kyodo",
        "dateline": "【東京共同】",
        "paragraphs": [
            "政府は6日、全国の老朽化した橋やトンネルの補修を加速するため、総額2兆円規模の新たな計画を決定した。",
            "国土交通相は記者会見で、今後5年間で約4万カ所の橋とトンネルを重点的に点検し、必要な補修を実施すると説明した。",
            "計画では、地方自治体の技術者不足を補うため、国が専門家を派遣する制度も新たに設けるという。",
            "建設から50年以上たつ施設は今後急増する見通しで、事故を未然に防ぐ対策が急務となっている。",
            "野党からは財源の確保策が不十分だとの指摘も出ており、国会での議論が続く見込みだ。",
        ],
        "other": [
            "大阪市で6日、春の訪れを告げる伝統行事が開かれ、多くの観光客が境内を訪れた。",
            "行事は約300年の歴史があり、地元の住民が衣装を身に着けて町を練り歩いた。",
            "主催者によると、今年は海外からの来場者が昨年の2倍に増えたという。",
        ],
        "mention": "共同通信によると、政府は6日、新たな計画を発表した。関係者は共同で対応する。",
    },
}


def native_wire_version(language: str) -> str:
    """The agency's own copy: its native dateline opens the lead."""
    story = NATIVE_STORIES[language]
    paragraphs = list(story["paragraphs"])  # type: ignore[call-overload]
    separator = "" if language in ("chinese", "japanese") else " "
    paragraphs[0] = f"{story['dateline']}{separator}{paragraphs[0]}"
    return "\n\n".join(paragraphs)
