"""Events from dated sentences: how a sentence is shared out and which word gives the type.

Each case is a sentence written for the rule it checks (docs/extraction.md, components/events.py)."""

from __future__ import annotations

from datetime import date

import pytest

from components.extract.models import Article
from components.extract.pipeline import extract_article, load_resources

PUBLISHED = date(2025, 5, 19)  # a Monday


def events_of(text: str, published: date | None = PUBLISHED) -> list[dict]:
    article = Article(id="test", text=text, published=published)
    return [vars(event) for event in extract_article(article, load_resources())]


def one_event(text: str) -> dict:
    (event,) = events_of(text)
    return event


@pytest.mark.parametrize(
    "text, expected_type",
    [
        # a trigger separated from the date by "عقب"/"بعد" names another event
        ("وجاء في بيان صدر فجر اليوم الاثنين عقب الاجتماع أن أرمينيا وافقت على نشر البعثة.", "statement"),
        (
            "غادرت القوات الروسية القاعدة في غيومري، أمس الأحد، بعد مراسم وقّع خلالها مسؤولو البلدين البروتوكول.",
            "military",
        ),
        # a connector phrase set off before the date names another event too
        ("وفي موازاة المحادثات، أغلقت موسكو أمس مجالها الجوي أمام شركات الطيران الأوروبية.", "other"),
        # "ردا على" (in response to) links to another event too
        ("وجاءت الاحتجاجات ردا على إعلان رئيس الوزراء أمس الأحد أن حكومته قررت تجميد الملف.", "statement"),
        # the subject of a verb of coinciding is not what the date after it is of
        ("وتزامنت الزيارة مع نقل رفات المقاوم الفرنسي إلى مقبرة العظماء في اليوم ذاته.", "other"),
        ("وتزامنت القمة مع الذكرى العاشرة لتوقيع معاهدة الاتحاد في 29 مايو 2014.", "agreement"),
        # "ل" + verbal noun is a purpose, not an event
        ("وكان باشينيان قد أعلن السبت الماضي استعداده لتوقيع وثيقة جديدة مع روسيا.", "statement"),
        # a word of saying that only cites the source
        ("أجرت روسيا وأوكرانيا أمس الأحد عملية تبادل للأسرى، وفق ما أعلنته وزارة الدفاع الروسية.", "military"),
        # the press as the subject of a word of saying only cites where the news comes from
        ("ذكرت وسائل إعلام أرمينية، أمس الأحد، أن محتجين أغلقوا طريقا في منطقة تافوش.", "protest"),
        # ... but the press spoken to is not the subject: the statement stands
        ("وكان لافروف قد صرح لوكالة تاس في 14 أبريل بأن الاتفاق يحتاج إلى مراجعة.", "statement"),
        # a noun with a pronoun ending, the hamza changing its seat (لقاء → لقائه)
        ("وقال بوتين خلال لقائه نظيره الأذربيجاني إلهام علييف أمس الأحد إن العلاقات تتطور.", "meeting"),
        # ... and on a waw when the noun is a subject (لقاء → لقاؤهما)
        ("أبرزها لقاؤهما في باريس في 21 فبراير الماضي خلال مراسم نقل رفات المقاوم إلى مقبرة العظماء.", "meeting"),
        # a round of talks outweighs an agreement reached in a relative clause
        ("جرت جولات التفاوض في إسطنبول في 16 مايو، والتي اتفق الطرفان في آخرها على تبادل الأسرى.", "meeting"),
        # the date belongs to the speaking; what was said ("أن مسار الانضمام …") does not type it
        ("أعلن السفير الأوروبي أمس الأحد أن مسار انضمام جورجيا إلى الاتحاد الأوروبي متوقف.", "statement"),
        # ... also when the speaker is named with his title and name set off by commas
        (
            "أعلن سفير الاتحاد الأوروبي لدى جورجيا، بافيل هيرتشينسكي، أمس الثلاثاء في تبليسي، أن مسار انضمام هذا "
            "البلد إلى الاتحاد متوقف في الوقت الحالي.",
            "statement",
        ),
        # a connector written right before the date says since when, it does not link to another event
        ("انتشرت بعثة المراقبين في المنطقة منذ آذار 2019 بموجب الاتفاق بين الطرفين.", "military"),
        # a trigger after the date in a relative clause tells more about the noun before the date
        ("وتأتي الخطوة بعد زيارة الرئيس إلى العاصمة في 15 مارس 2016، التي توجت بالتوقيع على وثيقة للشراكة.", "meeting"),
        # ... but a relative clause written right after the date describes the date itself
        ("وكان ذلك في 5 أيار الذي شهد توقيع الاتفاق بين البلدين.", "agreement"),
        # a body adopting a resolution declares a position; adopting a law enacts it
        ("تبنى مجلس الأمن الدولي أمس الأحد قرارا صاغته الولايات المتحدة يدعو إلى إنهاء الحرب.", "statement"),
        ("وكانت الجمعية العامة قد تبنت في مارس 2022 قرارا يطالب روسيا بسحب قواتها.", "statement"),
        ("وتبنى البرلمان الجورجي أمس الأحد القانون في قراءته الثالثة.", "other"),
        # deciding to open negotiations (accession talks) is a step of its own, not a meeting
        ("وقرر القادة الأوروبيون أمس كذلك فتح مفاوضات الانضمام مع أوكرانيا ومولدوفا.", "other"),
        # admitting something (أقر ب…) is saying it
        ("أقر الرئيس الأوكراني فولوديمير زيلينسكي اليوم الاثنين للمرة الأولى بالعملية في مقطع مصور.", "statement"),
        ("- 10 أغسطس: الرئيس الأوكراني يقر ضمنا بالعملية، متحدثا عن نقل الحرب إلى أرض المعتدي.", "statement"),
        # what talks held that day discuss is their topic, not the event
        ("عقد مجلس الأمن الدولي اليوم الاثنين جلسة طارئة لبحث الهجوم على المستشفى.", "meeting"),
        ("أجرى وزيرا خارجية البلدين أمس الأحد اتصالا هاتفيا بحثا خلاله سبل تطبيق الإعلان المشترك.", "meeting"),
        # ... but a date written after the topic may be the topic's own
        ("وبحثت القمة تنفيذ البيان الثلاثي الموقع في 9 نوفمبر 2020.", "agreement"),
        # receiving or handing over territory (a border stretch, a crossing, villages) is a border step;
        # handing over people or goods is not
        ("وتسلمت القوات الأرمنية في يناير الماضي نقطة العبور على الحدود مع إيران.", "border"),
        ("على أن تتسلم قوات حرس الحدود مقطع القرية في 24 مايو بعد فترة انتقالية.", "border"),
        ("وجرى أمس الأحد في مقر السفارة تسليم أحد عشر طفلا إلى ذويهم.", "other"),
        ("سلمت روسيا أمس الأحد إلى أوكرانيا ثلاث سفن حربية بعد نحو عام على احتجازها.", "other"),
        ("وسلمت أذربيجان أمس الأحد أربع قرى حدودية إلى الجانب الأرمني.", "border"),
        # a word of stance with an object pronoun (رفضها) is still a statement
        (
            "قالت الوزارة إن المحكمة لم تخلص إلى أن الحكومة نظمت الاحتجاجات، وجددت رغبتها في إقامة نقطة تفتيش "
            "دائمة على الطريق، وهي فكرة كان الوزير قد رفضها أمس الأحد.",
            "statement",
        ),
        # hinting (ألمح) is saying
        (
            "ويأتي استكمال الانسحاب في وقت تشهد فيه العلاقات بين يريفان وموسكو فتورا غير مسبوق، إذ ألمح رئيس الوزراء "
            "الأرميني خلال الشهر الجاري إلى أن بلاده ستغادر المنظمة، من دون أن يحدد موعدا لذلك.",
            "statement",
        ),
        # signing a decree enacts it, however long the subject and the date between them
        (
            "وقّع رئيس الكيان الانفصالي في الإقليم، سامفيل شهرامانيان، أمس الأحد، مرسوما يقضي بحل جميع المؤسسات.",
            "other",
        ),
        # a noun written right before a year is named by it
        ("ويخوض البلدان منذ حرب 2020 مفاوضات متقطعة للتوصل إلى معاهدة سلام شاملة.", "military"),
        # a summit during which something was decided or granted is where the decision was taken
        ("قرر قادة الاتحاد الأوروبي، خلال قمتهم في بروكسل مساء أمس الأحد، منح جورجيا صفة الدولة المرشحة.", "other"),
        ("منح قادة دول الاتحاد، خلال قمتهم في العاصمة البلجيكية أمس الأحد، جورجيا صفة الدولة المرشحة.", "other"),
        # ... but talks during which two sides agreed are the talks
        ("واتفق الطرفان خلال لقائهما في العاصمة أمس الأحد على مواصلة الحوار.", "meeting"),
        # a meeting after "أمام" is the audience of a speech
        (
            "وأثار الرئيس جدلا حين وصف النفط والغاز في كلمته أمام قمة القادة في 12 نوفمبر بأنهما هبة من الله.",
            "statement",
        ),
        # the date of a relative clause belongs to the noun the clause describes
        (
            "ورفضت الرئيسة الاعتراف بنتائج الانتخابات البرلمانية التي جرت في 26 أكتوبر الماضي، وفاز فيها الحزب الحاكم.",
            "other",
        ),
        # closing a border, the border written before or after the word of closing
        ("وتبقى الحدود بين البلدين مغلقة منذ عام 1993 بقرار من أنقرة.", "border"),
        ("وأغلقت تركيا الحدود المشتركة عام 1993 تضامنا مع أذربيجان.", "border"),
        ("وأغلقت موسكو أمس الأحد مجالها الجوي أمام شركات الطيران الأوروبية.", "other"),
        # a declaration named by a place and dated right after it is an agreed document; a place announcing is not
        ("وتابع: اعترف الاتحاد الأوروبي بوضوح بحدود أرمينيا في إعلان براغ بتاريخ 6 أكتوبر 2022.", "agreement"),
        ("وأعلنت موسكو في 6 أكتوبر 2022 انتهاء المهمة.", "statement"),
        (
            "فيما أكدت يريفان أن الترسيم يجري على أساس إعلان ألما آتا لعام 1991 الذي اعترفت بموجبه الجمهوريات "
            "السابقة بحدود بعضها البعض.",
            "agreement",
        ),
        # agreeing on the date or the place of a meeting schedules it: an announcement, not an agreement
        ("وأكد مساعد الرئيس الروسي اليوم السبت الاتفاق على موعد القمة ومكانها.", "statement"),
        # clashes between the police and a crowd are unrest (protest), not fighting
        ("وشهد محيط مقر البلدية أمس الأحد مناوشات بين الشرطة ومئات من سكان المدينة.", "protest"),
        ("واندلعت اشتباكات بين القوات الأرمينية والأذربيجانية على الحدود أمس الأحد.", "military"),
        # extending a mission's mandate is a decision of its own, not an agreement
        ("قرر مجلس الاتحاد الأوروبي، أمس الخميس، تمديد ولاية البعثة المدنية لعامين إضافيين.", "other"),
        # ... also when the relative clause names its subject before the date
        (
            "وتأتي الخطوة تنفيذاً للبيان المشترك الذي أصدره مكتب رئيس الوزراء الأرميني وإدارة الرئيس الأذربيجاني في "
            "7 ديسمبر الجاري، وهو أول بيان من نوعه يصدر عن البلدين مباشرة.",
            "agreement",
        ),
        # troops or border guards leaving withdraw; anyone else leaving stays other
        (
            "غادر حرس الحدود الروس مطار زفارتنوتس الدولي في العاصمة، أمس الأربعاء، بعد مراسم رسمية وقّع خلالها "
            "مسؤولون من البلدين بروتوكول تسليم نقطة التفتيش.",
            "military",
        ),
        ("وغادر الرئيس الإيراني باكو مساء أمس بعد لقاء مع أبناء الجالية.", "other"),
        # dissolving a body or institutions is a decided step (other)
        ("وبموجب المرسوم، تزول الجمهورية غير المعترف بها يوم 1 يناير 2024، بعد ثلاثة عقود على إعلانها.", "other"),
        (
            "قرر المجلس الوزاري للمنظمة، أمس الاثنين، إغلاق مجموعة الوساطة وحل جميع الهياكل التابعة لها.",
            "other",
        ),
        # hosting families or refugees is not talks; hosting a minister is
        ("وفي أبريل 2024 استضافت الدوحة عائلات روسية وأوكرانية استعادت أطفالها.", "other"),
        ("وفي أبريل 2024 استضافت الدوحة وزير الخارجية الروسي.", "meeting"),
        ("وكان أولهم قد التقى جدته في مقر السفارة أمس الأحد.", "other"),
        # a flow or supply of goods (gas, oil) is other, not the talks that led to it
        ("بدأ أمس السبت تدفق الغاز الطبيعي إلى تركيا عبر الأراضي الإيرانية بعد مفاوضات امتدت عشرين عاما.", "other"),
        # the trigger nearest to the date wins between two of equal weight
        ("وفي 19 أبريل، أصدرت اللجنتان الأرمينية والأذربيجانية المعنية بترسيم الحدود بيانًا بعد اجتماعهما.", "border"),
        # announcing, the date, then the success of a happening: the happening is the news, not the announcing
        (
            "أعلنت دولة الإمارات اليوم نجاح جهود وساطة جديدة بين روسيا وأوكرانيا، تكللت بإنجاز عملية تبادل "
            "شملت 146 أسيرا من كل جانب.",
            "military",
        ),
        # what talks resulted in ("أسفرت عن") is their outcome, the date is the talks'
        ("تلتها جولة ثانية في 2 يونيو أسفرت عن اتفاق على تبادل الأسرى المصابين بجروح خطيرة.", "meeting"),
        # flights suspended or resumed, a ban lifted, diplomats expelled, an earthquake: other
        ("وكانت موسكو قد علقت الرحلات الجوية إلى جورجيا في يوليو 2019.", "other"),
        ("واستؤنفت الرحلات التجارية بين البلدين في فبراير 2022.", "other"),
        ("وألغى الرئيس بمرسوم في العاشر من مايو الحظر المفروض على شركات الطيران.", "other"),
        ("وفي أبريل 2023 طردت أذربيجان أربعة دبلوماسيين إيرانيين بعد الهجوم على سفارتها.", "other"),
        ("وضرب الزلزال جنوب تركيا وشمال سوريا فجر الاثنين الماضي.", "other"),
        # an accusation is a statement, whatever it accuses of
        ("واتهم الرئيس الأوكراني، صباح اليوم الأحد، القوات الروسية بمواصلة القصف على عدة محاور.", "statement"),
        # an announced resumption is what happened (a call for one is what was said: see below)
        ("أعلنت وزارة الخارجية الأذربيجانية اليوم (الاثنين) استئناف سفارتها في طهران أعمالها في مبنى جديد.", "other"),
        ("أعلنت وزارة الخارجية أمس الأحد استئناف المحادثات مع الجانب الأرميني في موسكو.", "meeting"),
        # welcoming the start of something is a stance: the start is what was welcomed (announcing it would report it)
        ("وكان وزراء خارجية دول الاتحاد قد رحبوا في 22 يوليو الماضي بنية المفوضية بدء الحوار مع يريفان.", "statement"),
        # what is announced with "عن" before the date: the date is the announcing's (not a happening on the ground)
        ("وكان الكرملين قد أعلن عن الزيارة في 19 أبريل الماضي.", "statement"),
        ("أعلنت وزارة الدفاع عن انسحاب قواتها من القرية أمس الأحد.", "military"),
        # relations cut are not relations established
        ("ولا توجد علاقات دبلوماسية بين البلدين منذ عام 2008.", "other"),
        # "وقع" after an incident is that it happened, not a signing
        (
            "واكتفى بوتين حينها باعتذار هاتفي قدمه لعلييف في 28 ديسمبر 2024 عن حادث مأساوي وقع في الأجواء الروسية.",
            "meeting",
        ),
        # what a happening came after or under the pressure of ("إثر", "على خلفية") is another happening
        ("علما بأنه كان قد سحب مشروعا مماثلا في مارس 2023 إثر احتجاجات واسعة استمرت ليالي عدة.", "other"),
        ("وسحب الحزب الحاكم مشروع القانون في مارس 2023 على خلفية احتجاجات واسعة.", "other"),
        # exercises, a congratulation, a vote, a death, an embassy emptied
        ("وأجرت القوات الروسية والبيلاروسية أمس الأحد تدريبات مشتركة قرب الحدود.", "military"),
        ("وبعث الرئيس أمس الأحد برقية تهنئة إلى نظيره بمناسبة العيد الوطني.", "statement"),
        ("وصوتت الجمعية الوطنية أمس الأحد على مشروع القانون.", "other"),
        ("وكان الرئيس قد توفي في 19 مايو 2024.", "other"),
        ("وأخلت أذربيجان سفارتها في طهران في يناير 2023.", "other"),
        # a commitment made on a date is an agreement; affirming one today is a statement
        ("وأكد الزعيمان التزامهما الذي صيغ في براغ في 6 أكتوبر 2022 باحترام الحدود.", "agreement"),
        ("أكد الوزير أمس الأحد التزام بلاده بمسار السلام.", "statement"),
        # a meeting of the border commissions is a border step
        (
            "عقدت لجنتا ترسيم الحدود بين أذربيجان وأرمينيا، برئاسة نائبي رئيسي الوزراء في البلدين، اليوم الثلاثاء، "
            "أول اجتماع مشترك بينهما على الحدود.",
            "border",
        ),
        # appointing envoys
        ("وعين البلدان في ديسمبر 2021 مبعوثين خاصين لبحث تطبيع العلاقات.", "other"),
    ],
)
def test_the_type_comes_from_the_right_word(text: str, expected_type: str) -> None:
    assert one_event(text)["type"] == expected_type


def test_two_dates_of_one_sentence_are_two_events_with_their_own_parts() -> None:
    first, second = events_of(
        "وقال لافروف اليوم الاثنين، إن وزيري خارجية أرمينيا وأذربيجان اجتمعا في ألماتي يومي 10 و11 مايو 2024."
    )
    assert (first["type"], first["date_start"]) == ("statement", "2025-05-19")
    assert (second["type"], second["date_start"], second["date_end"]) == ("meeting", "2024-05-10", "2024-05-11")
    assert [p["name_en"] for p in second["places"]] == ["Almaty"] and first["places"] == []
    # the host of the venue is where it happened, not a party to the talks
    assert set(second["countries"]) == {"AM", "AZ"} and second["location_country"] == "KZ"
    assert {"RU", "AM", "AZ"} <= set(first["countries"])  # a statement is about its whole sentence


def test_uncoordinated_dates_in_one_clause_are_shared_out() -> None:
    deployment, signing = events_of(
        "ونشرت روسيا قوتها في الإقليم عام 2020 بموجب البيان الثلاثي الذي وقعه قادة روسيا وأذربيجان وأرمينيا "
        "في 9 نوفمبر من العام نفسه."
    )
    assert (deployment["type"], deployment["precision"]) == ("military", "year")
    assert (signing["type"], signing["date_start"]) == ("agreement", "2020-11-09")


@pytest.mark.parametrize(
    "text",
    [
        "وقررت الحكومة تعليق محادثات الانضمام إلى الاتحاد الأوروبي حتى نهاية عام 2028.",  # a time limit
        "وأقر لافروف في مستهل اللقاء بأن العام الماضي لم يكن سهلا على العلاقات.",  # the subject of the clause
        "وكان القانون قد طرح بمبادرة جمعت نحو 60 ألف توقيع في مارس 2024.",  # signatures, not a signing
        # "the first … in eleven years" says how long nothing happened
        "وتعد هذه أول زيارة لوزير خارجية أوكراني إلى العراق منذ 11 عاماً.",
        # a budget year ("برسم السنة الجارية": for the current year) is not when something happened
        "وجمّدت بروكسل الدعم المخصص لوزارة الدفاع والبالغ 30 مليون أورو برسم السنة الجارية.",
        # a time limit written "في أجل أقصاه" (within a term of at most)
        "على أن يستكمل نشر حرس الحدود قرب القرية في أجل أقصاه 24 مايو.",
        # a date right after "قبل" (before) is a time limit too
        "وقال عمروف إن كييف اقترحت عقد لقاء بين الرئيسين قبل نهاية آب المقبل.",
        "وأعلن رئيس الوزراء عدم طرح مسألة الانضمام إلى الاتحاد الأوروبي قبل نهاية 2028.",
        # ... and so is the end of a truce ("حتى منتصف ليل يومه الأحد")
        "وتستمر الهدنة حتى منتصف ليل يومه الأحد.",
        # an ordinal counted since a time ("the seventh since the start of this year") dates nothing either
        "وأوضحت الوزارة أن هذه الوساطة، وهي السابعة منذ مطلع العام الجاري، تعكس الثقة بين البلدين.",
    ],
)
def test_dates_that_are_not_when_something_happened_give_no_event(text: str) -> None:
    assert events_of(text) == []


def test_words_for_two_parties_take_the_states_of_the_article() -> None:
    text = (
        "التقى رئيس الوزراء الأرميني نيكول باشينيان الرئيس الأذربيجاني إلهام علييف في أبوظبي.\n"
        "وأكدت أرمينيا وأذربيجان التزامهما بالسلام.\n"
        "ومن المقرر أن يلتقي الزعيمان مجددا يوم الجمعة المقبل في موسكو."
    )
    (event,) = [e for e in events_of(text) if e["date_text"] == "يوم الجمعة المقبل"]
    assert event["date_start"] == "2025-05-23" and event["status"] == "planned"
    assert set(event["countries"]) == {"AM", "AZ"} and event["location_country"] == "RU"


def test_the_country_of_the_article_stands_for_its_parliament() -> None:
    text = (
        "تشهد جورجيا احتجاجات واسعة على قانون العملاء الأجانب.\n"
        "وكان البرلمان قد أقر المشروع بالقراءة الأولى في 17 أبريل الماضي."
    )
    (event,) = events_of(text)
    assert (event["type"], event["countries"]) == ("other", ["GE"])


def test_undated_when_the_publication_date_is_unknown() -> None:
    (event,) = events_of("وقال الكرملين أمس إن المحادثات مع أوكرانيا ستستأنف.", published=None)
    assert event["undated"] and event["date_start"] is None and event["confidence"] < 0.8


def test_mentions_point_into_the_sentence() -> None:
    event = one_event("التقى وزير الخارجية الروسي سيرغي لافروف نظيره التركي في أنقرة يوم 3 مارس 2025.")
    for mention in event["mentions"]:
        assert event["sentence"][mention["start"] : mention["end"]] == mention["text"]
    kinds = {mention["kind"] for mention in event["mentions"]}
    assert {"date", "trigger", "actor", "country", "place"} <= kinds


def test_a_relative_date_inside_quoted_speech_is_not_dated_by_the_publication() -> None:
    text = 'وقال غوتيريش أمس الأحد في كلمته خلال مراسم التوقيع: "اليوم هناك منارة على البحر الأسود".'
    assert [(e["date_text"], e["date_start"]) for e in events_of(text)] == [("أمس الأحد", "2025-05-18")]


def test_a_date_without_a_trigger_continues_the_list_before_it() -> None:
    text = "عقدت ثلاث جولات من المحادثات، أولاها في 28 فبراير، والثانية في 3 مارس، فيما جرت الثالثة في 7 مارس."
    assert [(e["date_start"], e["type"]) for e in events_of(text)] == [
        ("2025-02-28", "meeting"),
        ("2025-03-03", "meeting"),
        ("2025-03-07", "meeting"),
    ]


def test_a_yearly_date_is_not_an_event_date() -> None:
    assert events_of("ويحيي الأرمن ذكرى الإبادة في 24 أبريل من كل عام.") == []


@pytest.mark.parametrize(
    "text, expected_type",
    [
        # word of saying, speaker, date, then what was called for, accepted or announced: the saying
        ("دعا وزير الخارجية الروسي سيرغي لافروف، أمس الأحد، إلى استئناف اجتماعات المنصة الإقليمية.", "statement"),
        ("أعلن رئيس الوزراء الأرميني، اليوم الاثنين، موافقة بلاده على مقترح روسي بعقد اجتماع ثلاثي.", "statement"),
        ("وكانت الحكومة قد أعلنت أمس الأحد عن لقاء مرتقب بين الزعيمين في واشنطن.", "statement"),
        ("ووصف الرئيس اليوم الاثنين الانفجار الذي ضرب الجسر بأنه عمل إرهابي.", "statement"),
        # "بأنه", "أنها": "أن" with a pronoun opens what was said
        ("وصرّح الرئيس التركي في 10 مايو الجاري بأنه ينتظر زيارة نظيره الروسي خلال الصيف.", "statement"),
        # the date inside what was said belongs to what was said
        ("أعلن مساعد الرئيس الروسي أن الرئيسين أجريا مساء أمس اتصالا هاتفيا استمر ساعة.", "meeting"),
        # a word that decides or issues: what follows is what was decided or done
        ("قررت محكمة في العاصمة، أمس الأحد، توقيف رجل الأعمال شهرين على ذمة التحقيق.", "other"),
        # a saying that reports the happening began or ended: the happening is the news
        ("أعلنت وزارة الدفاع، أمس الأحد، اكتمال انسحاب القوات من الإقليم.", "military"),
        # an announced agreement (a text finished, an agreement reached) is the agreement
        ("أعلن البلدان أمس الأحد الانتهاء من صياغة نص معاهدة السلام.", "agreement"),
        ("وكان الطرفان قد أعلنا في آذار الماضي التوصل إلى نص نهائي للاتفاقية.", "agreement"),
        ("وهي المعاهدة التي أعلن الجانبان الاتفاق على بنودها قبل شهرين.", "agreement"),
        # the date inside what was said, after "أن", dates what was said
        ("وأشار إلى أن الولايات المتحدة ستوقع غداً أيضاً اتفاقيات ثنائية مع كلا البلدين.", "agreement"),
        # ... a mission is a weak trigger of its own: what it starts in the said date is the news
        ("وأوضح البيان أن البعثة ستبدأ عملها في أكتوبر الجاري لمدة أقصاها شهران.", "other"),
        # a connector between the saying and the date: the date is another happening's
        ("وتأتي تصريحات الوزير بعد أيام من قرار المجلس في 12 مايو الجاري إغلاق البعثة.", "other"),
        # a word of announcing reports a happening on the ground as done; a word of stance does not
        ("وأعلنت روسيا أمس الأحد انسحاب قواتها من الإقليم.", "military"),
        ("وندد الوزير أمس الأحد بالهجوم على القافلة.", "statement"),
        ("ودعا الوزير أمس الأحد إلى انسحاب القوات من الإقليم.", "statement"),
    ],
)
def test_what_a_word_of_saying_names_is_part_of_the_saying(text: str, expected_type: str) -> None:
    assert one_event(text)["type"] == expected_type


def test_a_date_set_off_by_commas_does_not_cut_its_clause() -> None:
    # without the commas the saying is nearer its date than the noun; with them, no farther
    plain = one_event("وأكدت المتحدثة باسم الخارجية الروسية اليوم أن الوزير سيشارك في الاجتماع.")
    aside = one_event("وأكدت المتحدثة باسم الخارجية الروسية، اليوم، أن الوزير سيشارك في الاجتماع.")
    assert plain["type"] == aside["type"] == "statement"


def test_a_day_that_opens_a_span_of_the_same_sentence_is_that_span() -> None:
    (event,) = events_of(
        "تنطلق غدا الثلاثاء في العاصمة جولة جديدة من المحادثات بين الوزيرين، تستمر يومي الثلاثاء والأربعاء."
    )
    assert (event["date_start"], event["date_end"]) == ("2025-05-20", "2025-05-21")


def test_a_day_beside_a_span_with_its_own_trigger_is_another_happening() -> None:
    events = events_of("التقى الوزيران يوم السبت الماضي على هامش المؤتمر الذي عقد يومي السبت والأحد.")
    assert [(event["date_start"], event["date_end"]) for event in events] == [
        ("2025-05-17", "2025-05-17"),
        ("2025-05-17", "2025-05-18"),
    ]


def test_a_quotation_is_typed_by_its_own_words() -> None:
    # the years are part of what was said; the saying outside the quotation does not date them
    assert events_of('وقال الوزير إن المنظمة "لم تحقق أهدافها، خاصة في عامي 2021 و2022".') == []
    # a happening the quotation names is typed by the quotation's own word, not by the saying
    assert one_event('وقال القائد في رسالة صوتية: "انطلقنا في 23 يونيو في هجوم على المدينة".')["type"] == "military"


def test_a_joint_statement_of_two_states_is_an_agreement() -> None:
    assert one_event("وأصدر البلدان أمس بيانا مشتركا حول الحدود.")["type"] == "agreement"


def test_one_sentence_naming_its_day_twice_is_one_happening() -> None:
    (event,) = events_of("ووصل الرئيس الإيراني إلى يريفان أمس الأحد، والتقى في اليوم ذاته رجال أعمال من البلدين.")
    assert (event["type"], event["date_start"]) == ("meeting", "2025-05-18")


def test_two_actors_on_the_same_day_of_one_sentence_are_two_happenings() -> None:
    events = events_of("واتصل بوتين بأردوغان أمس الأحد، فيما التقى لافروف نظيره الصيني في بكين في اليوم ذاته.")
    assert [(event["type"], event["date_start"]) for event in events] == [("meeting", "2025-05-18")] * 2


def test_two_sentences_naming_one_year_for_one_kind_of_event_are_one_happening() -> None:
    (meeting,) = events_of(
        "التقى رئيس الوزراء الهندي والرئيس الصيني أمس في قازان.\n"
        "وكان آخر لقاء رسمي بين الزعيمين الهندي والصيني قد جرى عام 2019.\n"
        "ولم يعقد الزعيمان الهندي والصيني أي لقاء ثنائي منذ عام 2019.",
        published=date(2024, 10, 24),
    )[1:]
    assert (meeting["type"], meeting["date_start"], meeting["precision"]) == ("meeting", "2019-01-01", "year")
    assert len(meeting["evidence"]) == 2


def test_a_duration_after_since_without_the_first_is_still_dated() -> None:
    (event,) = events_of("وتستضيف العاصمة المحادثات بين البلدين منذ عامين.")
    assert (event["type"], event["date_start"]) == ("meeting", "2023-01-01")


def test_two_sentences_naming_one_day_with_the_same_trigger_word_are_one_happening() -> None:
    (withdrawal,) = events_of(
        "وكان انسحاب القوات الروسية من الإقليم قد بدأ في 17 أبريل الماضي.\n"
        "وأكد المتحدث باسم الكرملين بدء الانسحاب من الإقليم في اليوم نفسه.",
        published=date(2024, 6, 13),
    )
    assert (withdrawal["type"], withdrawal["date_start"], len(withdrawal["evidence"])) == ("military", "2024-04-17", 2)


def test_a_phrase_and_its_first_word_naming_one_day_are_one_happening() -> None:
    (call,) = events_of(
        "وجاءت التصريحات بعد ساعات من الاتصال الهاتفي الذي جرى أمس الثلاثاء بين الرئيسين الأمريكي والروسي.\n"
        "ويعد اتصال الثلاثاء الثاني المعلن بين الرئيسين الأمريكي والروسي.",
        published=date(2025, 3, 19),
    )
    assert (call["type"], call["date_start"], len(call["evidence"])) == ("meeting", "2025-03-18", 2)


def test_a_statement_of_the_same_day_reporting_a_happening_told_before_is_that_happening() -> None:
    (attack,) = events_of(
        "شنت أوكرانيا صباح أمس الأحد هجوما بطائرات مسيرة على مدينة قازان الروسية.\n"
        "وأعلنت وزارة الدفاع الروسية في اليوم ذاته أن الهجوم جرى على ثلاث موجات."
    )
    assert (attack["type"], attack["date_start"], len(attack["evidence"])) == ("military", "2025-05-18", 2)


def test_a_statement_of_the_same_day_that_a_happening_answered_is_another_happening() -> None:
    protest, statement = events_of(
        "خرج آلاف المحتجين إلى شوارع تبليسي مساء أمس الأحد.\n"
        "وجاءت الاحتجاجات ردا على إعلان رئيس الوزراء في اليوم ذاته أن حكومته قررت تعليق المفاوضات."
    )
    assert (protest["type"], statement["type"]) == ("protest", "statement")
    assert protest["date_start"] == statement["date_start"] == "2025-05-18"


def test_the_same_day_is_the_day_of_the_sentence_before_not_its_last_date() -> None:
    events = events_of(
        "استقبل الرئيس الفرنسي رئيس الوزراء الأرميني، أمس الأحد، على هامش قمة تتواصل أعمالها اليوم الاثنين.\n"
        "وأكد الإليزيه في بيان صدر في اليوم ذاته أن ماكرون جدد دعمه لمعاهدة السلام."
    )
    statement = next(event for event in events if event["type"] == "statement")
    assert statement["date_start"] == "2025-05-18"


def test_a_time_counted_forward_after_a_date_of_its_sentence_counts_from_that_date() -> None:
    events = events_of(
        "ففي أبريل 2023 طردت أذربيجان أربعة دبلوماسيين إيرانيين، وردت إيران بعد شهر بطرد أربعة دبلوماسيين أذربيجانيين."
    )
    assert [(event["date_start"], event["precision"], event["status"]) for event in events] == [
        ("2023-04-01", "month", "reported"),
        ("2023-05-01", "month", "reported"),
    ]


def test_a_date_in_a_relative_clause_of_the_future_after_a_past_verb_is_ahead() -> None:
    (meeting,) = events_of(
        "وقال ميشيل إن اللقاء كان إعدادا جيدا للاجتماع المقبل الذي سيعقد في بروكسل في 21 يوليو.",
        published=date(2023, 6, 2),
    )
    assert (meeting["type"], meeting["date_start"], meeting["status"]) == ("meeting", "2023-07-21", "planned")
