"""Subject assignment from the keyword lexicon and the vocabulary hierarchy."""

from __future__ import annotations

import pytest

from streams.article import Subject
from streams.stages.subjects import (
    WEAK_WEIGHT,
    Vocabulary,
    broader,
    classify,
    default_vocabulary,
)

TOP_LEVEL = {
    "medtop:01000000",
    "medtop:02000000",
    "medtop:03000000",
    "medtop:04000000",
    "medtop:05000000",
    "medtop:06000000",
    "medtop:07000000",
    "medtop:08000000",
    "medtop:09000000",
    "medtop:10000000",
    "medtop:11000000",
    "medtop:12000000",
    "medtop:13000000",
    "medtop:14000000",
    "medtop:15000000",
    "medtop:16000000",
    "medtop:17000000",
}


def codes(headline: str, body: str, orgs: tuple[str, ...] = ()) -> list[str]:
    return [s.code for s in classify(headline, body, organisations=orgs)]


def test_vocabulary_has_the_seventeen_top_level_topics() -> None:
    vocab = default_vocabulary()
    assert {t.code for t in vocab.top_level()} == TOP_LEVEL
    assert vocab.label("medtop:11000000") == "politics"
    assert vocab.label("medtop:04000000") == "economy, business and finance"


def test_broader_walks_up_the_hierarchy() -> None:
    assert broader("medtop:20000638") == ["medtop:11000000"]
    assert broader("medtop:11000000") == []
    assert broader("medtop:99999999") == []


def test_vocabulary_rejects_unknown_parent() -> None:
    with pytest.raises(ValueError, match="unknown broader"):
        Vocabulary.from_obj({"topics": [{"code": "x:1", "name": "x", "broader": "x:0"}]})


def test_diplomacy_text_is_politics_and_international_relations() -> None:
    found = codes(
        "Foreign ministers hold talks on sanctions",
        "Diplomats from both countries met at the embassy for talks. The ambassador said "
        "the bilateral negotiations would resume after the summit.",
    )
    assert found[0] == "medtop:11000000"
    assert "medtop:20000638" in found


def test_match_report_is_sport() -> None:
    found = codes(
        "Late goal settles the league match",
        "The striker scored in stoppage time and the coach praised his players after a "
        "victory that lifts the team to second in the league this season.",
    )
    assert found[0] == "medtop:15000000"
    assert "medtop:11000000" not in found


def test_market_report_is_economy_with_market_subtopic() -> None:
    found = codes(
        "Stocks slide as inflation fears return",
        "Shares fell across Asia and the benchmark index dropped 2% as investors weighed "
        "higher inflation and the central bank's next interest rate decision.",
    )
    assert found[0] == "medtop:04000000"
    assert "medtop:20000385" in found


def test_a_single_passing_word_is_not_a_subject() -> None:
    assert codes("Officials reach their goal", "The goal was met.") == []


def test_organisation_names_add_evidence() -> None:
    without = classify("Statement issued", "The ministry issued a statement on the talks.")
    with_orgs = classify(
        "Statement issued",
        "The ministry issued a statement on the talks.",
        organisations=["Foreign Ministry", "U.S. Embassy"],
    )

    def politics(subjects: list[Subject]) -> float:
        return next((s.relevance or 0.0 for s in subjects if s.code == "medtop:11000000"), 0.0)

    assert politics(with_orgs) > politics(without)


def test_subjects_are_ranked_and_bounded() -> None:
    result = classify(
        "Troops and diplomats: missile tests stall nuclear talks",
        "Military drills and missile launches by the army overshadowed diplomatic talks, "
        "and officials said sanctions and negotiations would continue.",
    )
    relevances = [s.relevance or 0 for s in result]
    assert relevances == sorted(relevances, reverse=True)
    assert all(0 < r < 1 for r in relevances)


def test_empty_text_has_no_subjects() -> None:
    assert classify("", "") == []


def test_weak_words_count_less_than_strong_ones() -> None:
    def politics(headline: str, body: str) -> float:
        found = classify(headline, body)
        return next((s.relevance or 0.0 for s in found if s.code == "medtop:11000000"), 0.0)

    weak = politics("Officials meet officials", "Officials met officials and officials.")
    strong = politics("Diplomats meet diplomats", "Diplomats met diplomats and envoys.")
    assert weak < strong


def test_best_topic_is_given_below_the_confidence_bar() -> None:
    found = codes("Baker wins bread contest", "The bakery beat 40 others in the tasting.")
    assert found and found[0] == "medtop:10000000"


def test_entity_cues_add_evidence() -> None:
    headline, body = "Statement issued on Monday", "A statement was issued about the decision."
    assert "medtop:15000000" not in codes(headline, body)
    cued = [s.code for s in classify(headline, body, cues=["medtop:15000000"] * 3)]
    assert "medtop:15000000" not in cued  # cues alone are one kind of evidence
    cued = [s.code for s in classify(headline, "The coach praised the team after the match.",
                                     cues=["medtop:15000000"] * 3)]
    assert cued[0] == "medtop:15000000"


def test_every_second_level_topic_sits_under_a_top_level_one() -> None:
    vocab = default_vocabulary()
    for topic in vocab.topics.values():
        chain = vocab.broader(topic.code)
        assert not chain or chain[-1] in TOP_LEVEL


def vocabulary(*topics: dict[str, object]) -> Vocabulary:
    return Vocabulary.from_obj({"topics": list(topics)})


def test_the_opening_decides_the_primary_topic_over_background_paragraphs() -> None:
    found = codes(
        "Dockworkers walk out over pay",
        "Dockworkers at the port began a strike on Monday, their union said, after wage talks "
        "with employers broke down.\n\n"
        "Exporters warned that the stoppage would hit trade. Shares in shipping companies fell, "
        "and economists cut their growth forecast for the quarter, citing higher prices for "
        "consumers and weaker investment.",
    )
    assert found[0] == "medtop:09000000"
    assert "medtop:04000000" in found  # the background topic is still given, second


def test_equal_claims_go_to_the_topic_the_headline_names() -> None:
    vocab = vocabulary(
        {"code": "x:1", "name": "first", "keywords": ["alpha", "beta"]},
        {"code": "x:2", "name": "second", "keywords": ["gamma", "delta"]},
    )
    found = classify("Gamma and delta", "Alpha and beta today.\n\nNothing more.", vocabulary=vocab)
    assert [s.code for s in found] == ["x:2", "x:1"]


def test_a_compound_keeps_its_words_from_counting_for_another_topic() -> None:
    vocab = vocabulary(
        {"code": "t:1", "name": "labour", "keywords": ["trade union", "strike"]},
        {"code": "t:2", "name": "economy", "keywords": ["trade", "exports"]},
    )
    found = classify(
        "Trade union calls strike",
        "The trade union said the strike would go ahead.\n\nExports were not affected.",
        vocabulary=vocab,
    )
    assert [s.code for s in found] == ["t:1"]


def test_a_word_listed_by_a_topic_and_its_narrower_topics_counts_once() -> None:
    parent = {"code": "p:1", "name": "labour", "keywords": ["strike", "union"]}
    children = [
        {"code": f"p:{n}", "name": f"sub {n}", "broader": "p:1", "keywords": ["strike", "union"]}
        for n in (2, 3)
    ]
    headline, body = "Union calls strike", "The union said the strike would go ahead."

    def labour(vocab: Vocabulary) -> float:
        return next(s.relevance or 0.0 for s in classify(headline, body, vocabulary=vocab)
                    if s.code == "p:1")

    assert labour(vocabulary(parent, *children)) == labour(vocabulary(parent))


def test_a_narrower_topic_never_ranks_above_its_parent() -> None:
    vocab = vocabulary(
        {"code": "p:1", "name": "labour", "keywords": ["strike"]},
        {"code": "p:2", "name": "relations", "broader": "p:1",
         "keywords": ["walkout", "picket", "pay offer"]},
    )
    found = classify(
        "Walkout and picket over pay offer",
        "The walkout and picket continued after the pay offer.",
        vocabulary=vocab,
    )
    assert [s.code for s in found] == ["p:1", "p:2"]
    assert (found[1].relevance or 0.0) <= (found[0].relevance or 0.0)


def test_a_listed_plural_overrides_the_one_derived_from_the_singular() -> None:
    vocab = vocabulary(
        {"code": "e:1", "name": "economy", "keywords": ["euro"], "weak_keywords": ["euros"]}
    )
    assert [factor for _, _, factor in vocab.index["euro"]] == [1.0]
    assert [factor for _, _, factor in vocab.index["euros"]] == [WEAK_WEIGHT]


def test_sums_of_money_are_only_weak_evidence_of_economy_news() -> None:
    index = default_vocabulary().index
    for amount in ("billion", "million", "euros", "dollars"):
        factors = {code: factor for code, _, factor in index[amount]}
        assert factors["medtop:04000000"] == WEAK_WEIGHT, amount


def test_a_byline_paragraph_is_not_taken_for_the_lead() -> None:
    vocab = vocabulary(
        {"code": "a:1", "name": "alpha", "keywords": ["ferry", "capsized", "rescuers"]},
        {"code": "b:1", "name": "beta", "keywords": ["tourists", "holiday", "hotel"]},
    )
    body = (
        "By Jane Doe\n\n"
        "A ferry capsized on Sunday and rescuers searched the lake through the night.\n\n"
        "The boat carried tourists on holiday. Their hotel said the tourists had booked the "
        "trip for the holiday weekend, and the hotel laid on buses for the other tourists."
    )
    found = classify("Lake accident", body, vocabulary=vocab)
    assert found[0].code == "a:1"


def test_a_headline_in_the_present_tense_matches_participle_keywords() -> None:
    vocab = vocabulary(
        {"code": "d:1", "name": "disaster", "keywords": ["capsized", "killed", "stabbed"]}
    )
    for verb in ("capsizes", "capsize", "capsizing", "kills", "kill", "killing", "stabs"):
        assert verb in vocab.index, verb
    found = classify(
        "Ferry capsizes, floods kill 12",
        "A ferry capsized and floods killed 12 people.",
        vocabulary=vocab,
    )
    assert [s.code for s in found] == ["d:1"]


def test_a_possessive_counts_as_its_word() -> None:
    vocab = vocabulary({"code": "s:1", "name": "sport", "keywords": ["club", "stadium"]})
    found = classify(
        "The club's new stadium", "The club's members approved the stadium plan.",
        vocabulary=vocab,
    )
    assert [s.code for s in found] == ["s:1"]


def test_a_repeated_word_counts_less_than_as_many_different_words() -> None:
    vocab = vocabulary(
        {"code": "r:1", "name": "one word", "keywords": ["game"]},
        {"code": "r:2", "name": "many words", "keywords": ["cafe", "evenings"]},
    )
    found = classify(
        "Evening news",
        "The game, the game and the game again: the cafe is full on such evenings.",
        vocabulary=vocab,
    )
    assert found[0].code == "r:2"


def test_a_topic_label_is_evidence_for_the_topic() -> None:
    vocab = vocabulary(
        {"code": "x:1", "name": "economy, business and finance", "keywords": ["bank"],
         "weak_keywords": ["finance"]},
        {"code": "x:2", "name": "peace process", "broader": "x:1"},
    )
    assert {code for code, _, _ in vocab.index["business"]} == {"x:1"}
    # a term the topic lists itself keeps its own (weak) verdict
    assert [factor for _, _, factor in vocab.index["finance"]] == [WEAK_WEIGHT]
    # a narrower label counts only whole: "process" alone means nothing
    assert "peace process" in vocab.index and "process" not in vocab.index


def test_generic_words_of_a_big_desk_are_only_weak_evidence() -> None:
    index = default_vocabulary().index
    for word, desk in (("team", "medtop:15000000"), ("win", "medtop:15000000"),
                       ("president", "medtop:11000000"), ("market", "medtop:04000000")):
        factors = {code: factor for code, _, factor in index[word]}
        assert factors[desk] == WEAK_WEIGHT, word


#: everyday copy of every desk, written for this test (not from the evaluation set)
EVERYDAY_COPY = [
    ("medtop:01000000", "Veteran crooner announces farewell world tour",
     "The 78-year-old singer will play 40 dates across Europe and North America next year, "
     "his record label said on Tuesday, with tickets going on sale on Friday."),
    ("medtop:01000000", "Public broadcaster to cut regional news bulletins",
     "The state broadcaster will close six regional newsrooms and merge its evening "
     "bulletins, it said on Monday, blaming shrinking audiences."),
    ("medtop:02000000", "Former mayor jailed for seven years over kickbacks",
     "A former mayor was sentenced to seven years in prison on Thursday after a court found "
     "him guilty of taking kickbacks from contractors, prosecutors said."),
    ("medtop:03000000", "Bus plunges into gorge, killing 17",
     "At least 17 people died when a crowded bus veered off a mountain road and plunged into "
     "a gorge on Saturday, with rescuers pulling survivors from the wreckage."),
    ("medtop:04000000", "Carmaker posts record profit on strong SUV demand",
     "The carmaker reported a 30% jump in quarterly net profit on Thursday, beating analysts' "
     "expectations, and raised its full-year guidance."),
    ("medtop:05000000", "Universities warn of cuts as foreign enrolment falls",
     "Universities said they would cut courses and staff after applications from overseas "
     "students fell by a fifth, squeezing tuition income."),
    ("medtop:06000000", "Rare leopards caught on camera in restored forest",
     "Camera traps in a reforested valley have recorded three leopards, conservationists "
     "said, a sign the habitat is recovering a decade after logging stopped."),
    ("medtop:07000000", "Measles cases surge as vaccination rates drop",
     "Measles cases have tripled this year, health officials said, as vaccination rates "
     "among young children fell below the level needed to stop outbreaks."),
    ("medtop:08000000", "Grandmother celebrates 100th birthday with skydive",
     "A great-grandmother marked her 100th birthday on Sunday by jumping out of a plane, "
     "cheered on by three generations of her family."),
    ("medtop:09000000", "Nurses walk out in row over pay",
     "Thousands of nurses walked out on Tuesday in the first of a series of strikes over pay "
     "and staffing, their union said, after talks with employers broke down."),
    ("medtop:10000000", "Natural wine bars spread as young drinkers shun beer",
     "Natural wine bars are opening across the capital, owners say, as young drinkers swap "
     "lager for low-intervention wines and small plates."),
    ("medtop:11000000", "Prime minister calls snap election after budget defeat",
     "The prime minister called an early general election on Wednesday after parliament "
     "voted down her budget, ending a coalition that had lasted less than two years."),
    ("medtop:12000000", "Pilgrims flock to shrine for annual festival",
     "Hundreds of thousands of pilgrims walked barefoot to the hilltop shrine, praying and "
     "lighting candles, church officials said."),
    ("medtop:13000000", "Astronomers spot water vapour on distant planet",
     "Astronomers using a space telescope have detected water vapour in the atmosphere of a "
     "planet orbiting a nearby star, they reported in a study published on Monday."),
    ("medtop:13000000", "Chipmaker unveils AI processor to rival market leader",
     "The company unveiled a new artificial intelligence chip on Tuesday that it said runs "
     "large language models twice as fast as rival processors."),
    ("medtop:14000000", "Homelessness rises as rents soar",
     "The number of people sleeping rough rose by a quarter last year, charities said, "
     "blaming soaring rents and a shortage of social housing."),
    ("medtop:15000000", "Champions held to goalless draw at home",
     "The champions were held to a 0-0 draw by the league's bottom side on Saturday, leaving "
     "them two points behind the leaders with five games left."),
    ("medtop:16000000", "Rebels seize border town after heavy fighting",
     "Rebel fighters seized a key border town on Tuesday after days of heavy fighting with "
     "government troops, residents said, as thousands fled across the frontier."),
    ("medtop:17000000", "Snowstorm brings travel chaos to the Midwest",
     "A powerful snowstorm dumped more than 30 cm of snow across the Midwest on Friday, "
     "grounding flights and closing highways as forecasters warned of blizzard conditions."),
]


@pytest.mark.parametrize(("desk", "headline", "body"), EVERYDAY_COPY)
def test_everyday_copy_of_each_desk_gets_that_desk_first(
    desk: str, headline: str, body: str
) -> None:
    found = codes(headline, body)
    assert found and found[0] == desk


def test_vocabulary_rejects_a_word_listed_as_both_strong_and_weak() -> None:
    with pytest.raises(ValueError, match="weak keywords"):
        vocabulary({"code": "x:1", "name": "x", "keywords": ["market"],
                    "weak_keywords": ["market"]})


def test_an_idiom_keeps_its_words_from_counting_for_any_topic() -> None:
    topics = [
        {"code": "c:1", "name": "crime", "keywords": ["charged", "fire"]},
        {"code": "s:1", "name": "sport", "keywords": ["coach", "match"]},
    ]
    headline = "Coach under fire but still in charge"
    body = "The coach, under fire after five defeats, will stay in charge for the match on Sunday."
    plain = Vocabulary.from_obj({"topics": topics})
    with_idioms = Vocabulary.from_obj({"topics": topics, "idioms": ["in charge", "under fire"]})
    assert "c:1" in [s.code for s in classify(headline, body, vocabulary=plain)]
    assert [s.code for s in classify(headline, body, vocabulary=with_idioms)] == ["s:1"]


def test_a_topic_that_lists_an_idiom_keeps_it() -> None:
    vocab = Vocabulary.from_obj({
        "topics": [{"code": "p:1", "name": "politics", "keywords": ["landslide victory"]}],
        "idioms": ["landslide victory"],
    })
    assert [code for code, _, _ in vocab.index["landslide victory"]] == ["p:1"]


@pytest.mark.parametrize("idiom", ["in charge", "under fire", "series of", "scores of",
                                   "struck a deal", "in terms of", "took its toll"])
def test_the_packaged_lexicon_reads_everyday_idioms_as_no_topic(idiom: str) -> None:
    assert default_vocabulary().index[idiom] == ()


def test_a_listed_ing_form_lets_the_past_tense_match() -> None:
    vocab = vocabulary(
        {"code": "d:1", "name": "disaster", "keywords": ["flood", "flooding", "fire"]},
    )
    assert [code for code, _, _ in vocab.index["flooded"]] == ["d:1"]
    # without an -ing form the word is a noun only: a fired coach is no blaze
    assert "fired" not in vocab.index


def test_a_river_bursting_its_banks_is_a_flood_not_banking() -> None:
    found = codes(
        "Villages cut off as river bursts its banks",
        "Hundreds of people were cut off on Sunday after the river burst its banks and "
        "flooded three villages, officials said.",
    )
    assert found and found[0] == "medtop:03000000"
    assert "medtop:04000000" not in found


def test_a_famine_counts_as_a_disaster_as_iptc_files_it() -> None:
    factors = {code for code, _, _ in default_vocabulary().index["famine"]}
    assert "medtop:03000000" in factors and "medtop:16000000" not in factors


def test_a_warning_alone_is_only_weak_evidence_of_weather() -> None:
    index = default_vocabulary().index
    for word in ("warning", "alerts"):
        factors = {code: factor for code, _, factor in index[word]}
        assert factors["medtop:17000000"] == WEAK_WEIGHT, word
    assert "warned" not in {entry[1] for entry in index.get("warned", ())}
    found = codes(
        "Health officials issue warning over measles",
        "Health officials issued a warning on Monday after measles cases doubled in a month, "
        "urging parents to check their children's vaccinations.",
    )
    assert found and found[0] == "medtop:07000000"
    assert "medtop:17000000" not in found


#: a sport desk known by its clubs, and a politics desk by its elections: the headline's
#: news ("... elect ...") is politics unless the name blanked out of it counts
_CLUB_VOCABULARY = (
    {"code": "x:1", "name": "sport", "keywords": ["coach", "match"], "org_cues": ["club"]},
    {"code": "x:2", "name": "politics", "keywords": ["elect", "ballot"]},
)
_CLUB_HEADLINE = "                members elect new head"
_CLUB_BODY = "The coach said on Saturday that the ballot was fair.\n\nThe next match is on Sunday."


def test_an_organisation_named_in_the_headline_claims_the_topic_like_a_headline_word() -> None:
    vocab = vocabulary(*_CLUB_VOCABULARY)
    named = classify(_CLUB_HEADLINE, _CLUB_BODY, vocabulary=vocab,
                     headline_organisations=["Racing Club"])
    in_body = classify(_CLUB_HEADLINE, _CLUB_BODY, vocabulary=vocab,
                       organisations=["Racing Club"])
    assert [s.code for s in named] == ["x:1", "x:2"]
    assert [s.code for s in in_body] == ["x:2", "x:1"]


def test_an_entity_named_in_the_headline_claims_its_catalog_topic_like_a_headline_word() -> None:
    vocab = vocabulary(*_CLUB_VOCABULARY)
    named = classify(_CLUB_HEADLINE, _CLUB_BODY, vocabulary=vocab, headline_cues=["x:1"])
    in_body = classify(_CLUB_HEADLINE, _CLUB_BODY, vocabulary=vocab, cues=["x:1"])
    assert named[0].code == "x:1"
    assert in_body[0].code == "x:2"


def test_a_name_in_the_headline_is_no_more_evidence_than_one_in_the_body() -> None:
    # whether a topic is given at all rests on all the evidence, where a name stands or not
    headline, body = "Statement issued on Monday", "The coach praised the team after the match."
    for cues in (["medtop:15000000"], ["medtop:11000000"]):
        named = {s.code for s in classify(headline, body, headline_cues=cues)}
        assert named == {s.code for s in classify(headline, body, cues=cues)}
