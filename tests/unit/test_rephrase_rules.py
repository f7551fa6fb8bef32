"""General matching rules added for issue 5 (round three): each is a grammar form, not a line."""

from __future__ import annotations

import pytest

from resumegen.enrich.answer_rules import answer_rules
from resumegen.enrich.reason_answer import Grounding
from resumegen.enrich.rephrase import rephrase


def _cats(text: str, lang: str, profile: str = "general") -> set[str]:
    return {m.category for m in rephrase(text, lang=lang, profile=profile).matches}


def test_a_topic_said_twice_is_too_much() -> None:
    assert _cats("論文、論文で、毎日が終わる", "ja", "physician") == {"work"}


def test_a_role_or_a_comparison_is_not_a_complaint_topic() -> None:
    assert _cats("看護師として働いてきました", "ja", "clinical-specialist") == set()
    assert "conditions" not in _cats("主任看護師からの当たりがきつい", "ja", "clinical-specialist")


def test_someone_missing_is_a_lack() -> None:
    assert _cats("女性の管理職がいない会社です", "ja") == {"future"}


def test_praise_before_a_complaint_word_denies_it() -> None:
    assert _cats("I had a reasonable on-call rota", "en", "physician") == set()
    assert _cats("I had a brutal on-call rota", "en", "physician") == {"conditions"}


def test_a_passive_snub_is_a_complaint() -> None:
    assert _cats("My extra responsibilities have never been acknowledged", "en") == {"conditions"}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("病棟の看護師です。患者満足度の数字ばかり評価されるのがつらい。", "ja"),
        ("訪問リハのPTです。利用者さんの件数ノルマに追われています。", "ja"),
        ("Ward pharmacist. Management set quotas for scripts per hour and patients wait.", "en"),
    ],
)
def test_a_carer_is_never_given_a_phrasing_about_customers(text: str, lang: str) -> None:
    """Who the work serves decides the words: a quota in a ward or a home visit is not a
    sales quota, so no phrasing names customers (お客様)."""
    r = rephrase(text, lang=lang, profile="general")
    said = " ".join(x for x in (r.long, r.rephrased, *r.follow_up) if x)
    assert r.long is not None
    assert not answer_rules(lang).found(answer_rules(lang).customers, said), said


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("営業のノルマがきつくて、数字ばかり追われる毎日です。", "ja"),
        ("Sales rep. The quota doubled this year and it's all about the numbers.", "en"),
    ],
)
def test_a_sales_person_keeps_the_customer_phrasing(text: str, lang: str) -> None:
    r = rephrase(text, lang=lang, profile="general")
    assert r.long and answer_rules(lang).found(answer_rules(lang).customers, r.long), r.long


@pytest.mark.parametrize(
    ("text", "lang", "said"),
    [
        ("Our NICU is closing in the spring.", "en", "The NICU I work in is due to close."),
        ("Our ward closed in May.", "en", "The ward I worked in closed"),
        ("The program is closing down.", "en", "The program I work in is due to close."),
        ("The program closes June 30.", "en", "The program closes June 30."),  # its own words
        ("The unit merged with cardiology.", "en", "The unit I work in was merged"),
        (
            "The unit merged with cardiology last year.",
            "en",
            "The unit merged with cardiology last",
        ),
        ("産科病棟が閉鎖されることになりました。", "ja", "所属する産科病棟の閉鎖が予定"),
        ("来年3月で産科病棟が閉鎖されることになりました。", "ja", "来年3月で産科病棟が閉鎖"),
        ("検査室が本院に集約されることになった。", "ja", "所属する検査室の統合が予定"),
    ],
)
def test_a_fact_names_the_part_of_the_organisation_and_its_tense(
    text: str, lang: str, said: str
) -> None:
    """A closure or a merger of one part (a ward, a program) is said of that part, as
    done or as still to come, not of the whole employer."""
    r = rephrase(text, lang=lang, profile="general")
    assert r.long is not None and r.long.startswith(said), r.long


def test_hearsay_is_not_a_fact() -> None:
    r = rephrase(
        "There's talk our hospital is about to be bought out. Nothing official yet.",
        lang="en",
        profile="general",
    )
    assert not any(m.category == "keep" for m in r.matches)
    assert r.long is None or "bought" not in r.long


def test_bought_and_merged_is_one_fact() -> None:
    r = rephrase("Our practice was bought out and merged with a bigger group.", lang="en")
    assert r.long is not None
    assert sum(x in r.long for x in ("merged", "bought")) == 1, r.long


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("勤め先の診療所が来年6月で閉院します。次の職場でやっていけるか不安です。", "ja"),
        ("My clinic closes in June. Not sure how I will fit in somewhere new.", "en"),
    ],
)
def test_after_a_fact_no_guessed_motive(text: str, lang: str) -> None:
    """A motive found only by topic words is not said after a stated fact: the person gave
    the closure, not a wish to work across departments."""
    r = rephrase(text, lang=lang, profile="general")
    assert r.matches and r.matches[0].category == "keep"
    weak = [m for m in r.matches if not m.strong]
    assert r.long is not None
    assert all(m.positive not in r.long for m in weak), r.long
    assert not any(m.trigger in f for m in weak for f in r.follow_up)


@pytest.mark.parametrize(
    ("text", "lang", "said"),
    [
        # still to come, by the words of its own sentence
        ("My wife has been posted to Aberdeen from next April.", "en", "from next April."),
        ("My contract as a study nurse ends soon.", "en", "is coming to an end"),
        ("My contract as a study nurse ends 31 August.", "en", "contract as a study nurse ends 31"),
        ("My post is funded to March and nobody has said whether it continues.", "en", "to March."),
        ("Her husband has PCS orders to Texas with a report date in 8 weeks.", "en", "My husband"),
        # done, whatever else the sentence says
        ("Our sponsor study was terminated early and the team is being redeployed.", "en", "was"),
        ("会社が同業他社に買収されて、来年から担当エリアが倍になります。", "ja", "変わりました"),
        ("担当していた治験が開発中止になりました。", "ja", "治験が中止になりました"),
    ],
)
def test_a_fact_in_its_tense(text: str, lang: str, said: str) -> None:
    r = rephrase(text, lang=lang, profile="general")
    assert r.long is not None and said in r.long, r.long


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("会社の業績も悪いみたいで、希望退職の募集がかかるって噂も出てます。", "ja"),
        ("Rumour is the practice is being sold to a bigger group.", "en"),
    ],
)
def test_hearsay_a_few_words_on_is_no_fact(text: str, lang: str) -> None:
    r = rephrase(text, lang=lang, profile="general")
    assert not any(m.category == "keep" for m in r.matches), [m.id for m in r.matches]


def test_a_vague_fact_gives_way_to_the_specific_one() -> None:
    r = rephrase(
        "Family situation: dad had a stroke and I need to relocate to look after him.", lang="en"
    )
    assert r.long is not None and r.long.count("family") <= 1, r.long
    assert "care" in r.long


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Ugh the new NUM. Micromanages every break and shouts at new grads.", "en"),
        ("Candidate is a PCT on nights; the manager shouts at staff.", "en"),
    ],
)
def test_no_role_is_made_of_an_interjection_or_an_agents_clause(text: str, lang: str) -> None:
    r = rephrase(text, lang=lang, profile="general")
    said = r.long or ""
    assert "As an ugh" not in said and "candidate is" not in said.lower(), said


@pytest.mark.parametrize(
    "text",
    [
        "病棟の統廃合で来春から二つの科が一つの病棟になる予定です。",
        "在宅医療機器の分野でキャリアを続けたい。",
        "希望退職の募集があるらしい。",
    ],
)
def test_japanese_words_that_are_no_destination(text: str) -> None:
    r = rephrase(text, lang="ja", profile="general")
    said = r.long or ""
    assert "を目指しています" not in said and "キャリアに携わりたい" not in said, said


@pytest.mark.parametrize(
    ("text", "lang", "said"),
    [
        ("The infusion pump I train on is being discontinued next year.", "en", "pump"),
        ("The company is exiting the leadless pacemaker line.", "en", "line I support"),
        ("担当製品ラインは生産終了が決定済みです。", "ja", "製品ラインの取り扱い終了"),
        ("担当製品ラインは2年後の生産終了が決定済みです。", "ja", "2年後の生産終了"),
    ],
)
def test_a_product_that_ends_is_a_fact(text: str, lang: str, said: str) -> None:
    r = rephrase(text, lang=lang, profile="clinical-specialist")
    assert r.long is not None and said in r.long, r.long


@pytest.mark.parametrize(
    "text",
    [
        "Night sister, 12 years. The new matron wants everyone on days, which wrecks my childcare.",
        "New baby at home and the rota changes every week.",
    ],
)
def test_a_family_fact_never_says_the_person_stops_working(text: str) -> None:
    r = rephrase(text, lang="en", profile="general")
    assert r.long is not None and "leave my job to" not in r.long, r.long


@pytest.mark.parametrize(
    ("text", "lang", "not_said"),
    [
        # what an employer wants or does is not the person's step
        ("FNP at an urgent care chain. They want 60 patients per 12.", "en", "looking for 60"),
        (
            "They're moving to an outsourced typing company and our team is shrinking.",
            "en",
            "step is",
        ),
        # a place the person is already back at, a retirement scheme: no destination
        ("元の救急外来に戻りましたが、夜勤はまだ難しい。", "ja", "を目指しています"),
        (
            "早期退職プログラムの募集が始まりました。応募するかは未定です。",
            "ja",
            "を目指しています",
        ),
        # a company's review of its business is no forced departure
        ("病院の方針で3次救急から撤退することが決まりました。", "ja", "退職することになりました"),
    ],
)
def test_no_step_or_departure_the_person_did_not_state(text: str, lang: str, not_said: str) -> None:
    r = rephrase(text, lang=lang, profile="general")
    assert not_said not in (r.long or ""), r.long


def test_a_motive_that_says_who_speaks_gets_no_second_speaker() -> None:
    r = rephrase(
        "麻酔科専門医です。麻酔の症例を積めないのが一番の不満", lang="ja", profile="physician"
    )
    assert r.long is not None and "として、医師として" not in r.long, r.long


@pytest.mark.parametrize(
    ("text", "lang", "entry"),
    [
        ("グループホームで介護してます。夜勤は一人で利用者さん9人。", "ja", "caregiving"),
        ("妻が二人目を妊娠中なので、このままの働き方は難しいです。", "ja", "maternity"),
        ("My contract is a fixed term covering a colleague's mat leave.", "en", "maternity_leave"),
        ("Care assistant, 9 residents a shift on my own.", "en", "caregiving"),
    ],
)
def test_a_fact_that_is_not_the_persons_is_not_said(text: str, lang: str, entry: str) -> None:
    """Someone else's pregnancy or leave, or care that is the person's job, is no fact of
    theirs (`fact_not` in the answer rules)."""
    assert entry not in [m.id for m in rephrase(text, lang=lang, profile="general").matches]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("My partner and I are starting IVF next year.", "en"),
        ("産科病棟は婦人科との混合病棟になるそうです。", "ja"),
        ("レセ業務が全部外部委託になるってうわさです。", "ja"),
    ],
)
def test_what_happens_to_something_else_is_no_step(text: str, lang: str) -> None:
    assert rephrase(text, lang=lang, profile="general").next_step is None


def test_a_decision_still_under_consultation_is_no_fact() -> None:
    r = rephrase("The trust is consulting on closing our unit.", lang="en", profile="general")
    assert not any(m.category == "keep" for m in r.matches)


def test_a_fixed_term_still_running_is_still_to_come() -> None:
    r = rephrase("My fixed term contract ends in Sept when she comes back.", lang="en")
    assert r.long is not None and "is coming to an end" in r.long, r.long


def test_an_english_title_from_the_record_is_said_mid_sentence() -> None:
    """The person's own post in the grounded sentence: "my 8 years as a clinical
    specialist", an acronym kept (ICU staff nurse)."""
    g = Grounding(title="ICU Staff Nurse", years=8, role="Nurse Educator")
    assert g.values("en")["title"] == "ICU staff nurse"
    assert g.values("ja")["title"] == "ICU Staff Nurse"


@pytest.mark.parametrize(
    ("text", "lang", "target", "condition"),
    [
        (
            "Paramedic, cleared to work but not for patient lifting. I'd like to move into dispatch.",
            "en",
            {"role": "Community Paramedic", "conditions": ["must be able to lift 50 lb"]},
            "lifting",
        ),
        (
            "My mum has dementia and I care for her, so I need part-time work, 3 days a week.",
            "en",
            {"role": "Staff Nurse", "conditions": ["full-time"]},
            "full_time",
        ),
        (
            "保育園のお迎えがあるので18時までしか働けません。",
            "ja",
            {"role": "看護師", "conditions": ["外来は20時まで", "土曜診療あり"]},
            "evenings",
        ),
    ],
)
def test_a_limit_the_person_gave_clashes_with_a_target_that_asks_for_it(
    text: str, lang: str, target: dict[str, object], condition: str
) -> None:
    """No lifting, part-time, a nursery pickup: stated anywhere in the text, whatever entry
    matched, they are a clash with a target that asks for lifting, full time or evenings."""
    r = rephrase(text, lang=lang, profile="general", grounding=Grounding.of_target(target))
    assert condition in [c.condition for c in r.conflicts]
    fits = rephrase(
        text, lang=lang, profile="general", grounding=Grounding.of_target({"role": "x"})
    )
    assert condition not in [c.condition for c in fits.conflicts]


@pytest.mark.parametrize(
    ("text", "lang", "reason"),
    [
        ("特に不満はないです。今の職場は人間関係もいいし条件も悪くないので。", "ja", False),
        ("No complaints at my current job really, just curious what's out there.", "en", False),
        ("No complaints about the pay, but the nights are killing me.", "en", True),
        ("給料に不満はありませんが、夜勤がつらいです。", "ja", True),
    ],
)
def test_a_text_that_says_all_is_fine_gets_no_guessed_answer(
    text: str, lang: str, reason: bool
) -> None:
    """Only a general guess against the person's own 'no complaints' is no reason; a
    complaint said beside it still is."""
    assert rephrase(text, lang=lang, profile="general").reason is reason


@pytest.mark.parametrize(
    ("text", "lang", "reason"),
    [
        ("今日はここまで。続きは夜勤明けに書きます", "ja", False),
        ("I'll come back and finish this later, got to pick up my son", "en", False),
        ("Can you make it sound less negative? And don't mention money.", "en", False),
        ("can you make it shorter than last time? like 2 sentences max", "en", False),
        # a reason with a note after it is still a reason
        ("夜勤がつらい。続きは明日書きます", "ja", True),
        ("Nights are killing me. I will come back to this later.", "en", True),
    ],
)
def test_notes_to_self_and_instructions_are_no_reason(text: str, lang: str, reason: bool) -> None:
    assert rephrase(text, lang=lang, profile="general").reason is reason
