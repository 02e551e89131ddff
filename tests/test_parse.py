from basewatch import parse


def test_the_pinned_pipeline_loads_with_tagger_and_parser_only():
    nlp = parse.pipeline()
    assert {key: nlp.meta[key] for key in parse.EXPECTED_META} == parse.EXPECTED_META
    assert "parser" in nlp.pipe_names and "tagger" in nlp.pipe_names
    assert not set(parse.UNUSED_COMPONENTS) & set(nlp.pipe_names)


def test_the_parse_finds_the_speaker_of_a_speech_verb():
    doc = parse.pipeline()("Michael Soto, deputy director of the agency, told reporters the plane crashed.")
    told = next(token for token in doc if token.text == "told")
    assert [child.text for child in told.children if child.dep_ == "nsubj"] == ["Soto"]
