from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.abstractive import GenerationSettings, count_tokens, create_backend
from summarizer.abstractive.writer import (
    StoryWriter,
    fallback_title,
    fill_to_length,
    parse_draft,
    trim_words,
    without_repeats,
)
from summarizer.config import Config, load_config
from summarizer.errors import ConfigError, ModelLoadError
from summarizer.models import Story
from summarizer.prompts import load_prompt
from summarizer.sentences import split_article, split_text
from tests import fixtures
from tests.conftest import FakeBackend, make_article

GOOD = (
    "HEADLINE: Port Elling opens rebuilt harbour bridge\n"
    "SUMMARY: Port Elling opened its rebuilt harbour bridge on Tuesday after three years of work. "
    "The four-lane crossing cost 240 million dollars. Mayor Dana Whitcombe said it would cut commuting times."
)
INVENTED = (
    "HEADLINE: Governor Ray Fenn opens bridge\n"
    "SUMMARY: Governor Ray Fenn opened the bridge in Port Elling on Friday; it cost 300 million dollars."
)


def _story() -> Story:
    articles = (make_article(fixtures.HARBOUR_A, "a"), make_article(fixtures.HARBOUR_B, "b"))
    return Story("s", articles, tuple(s for a in articles for s in split_article(a)))


def _writer(backend: FakeBackend, config: Config) -> StoryWriter:
    return StoryWriter(
        backend,
        load_prompt(config.abstractive.prompt),
        load_prompt(config.abstractive.strict_prompt),
        GenerationSettings.from_config(config.abstractive),
        words=60,
    )


def test_faithful_draft_is_used(config: Config) -> None:
    story = _story()
    backend = FakeBackend([GOOD])
    written = _writer(backend, config).write(story, list(story.sentences), list(story.sentences[:3]))
    assert written.summary_method == "abstractive"
    assert written.title == "Port Elling opens rebuilt harbour bridge"
    assert written.summary.startswith("Port Elling opened")
    _system, user, settings = backend.calls[0]
    assert "Mayor Dana Whitcombe" in user and "about 60 words" in user
    assert settings.temperature == 0.0


def test_invented_name_is_retried_with_strict_prompt_then_accepted(config: Config) -> None:
    story = _story()
    backend = FakeBackend([INVENTED, GOOD])
    written = _writer(backend, config).write(story, list(story.sentences), [])
    assert written.summary_method == "abstractive"
    assert [a.ok for a in written.attempts] == [False, True]
    assert {"Ray", "Fenn", "Friday", "300"} <= set(written.attempts[0].unsupported)
    strict_user = backend.calls[1][1]
    assert "Ray" in strict_user and "Friday" in strict_user


def test_two_unfaithful_drafts_fall_back_to_extractive(config: Config) -> None:
    story = _story()
    backend = FakeBackend([INVENTED, INVENTED])
    extractive = list(story.sentences[:2])
    written = _writer(backend, config).write(story, list(story.sentences), extractive)
    assert written.summary_method == "extractive-fallback"
    assert written.summary == " ".join(s.text for s in extractive)
    assert "Fenn" not in written.summary and "Fenn" not in written.title


PARTLY_INVENTED = (
    "HEADLINE: Port Elling opens rebuilt harbour bridge\n"
    "SUMMARY: Port Elling opened its rebuilt harbour bridge on Tuesday after three years of work. "
    "Engineers closed the old bridge in 2019 after inspectors found corroded steel cables. "
    "Governor Ray Fenn praised the crews."
)
SWAPPED = (
    "HEADLINE: Port Elling opens rebuilt harbour bridge\n"
    "SUMMARY: Port Elling opened its rebuilt harbour bridge on Tuesday. "
    "Dana Whitcombe said local businesses had lost customers during the three-year closure."
)


def test_rejected_sentences_are_replaced_by_sources_or_left_out(config: Config) -> None:
    story = _story()
    backend = FakeBackend([PARTLY_INVENTED, PARTLY_INVENTED])
    written = _writer(backend, config).write(story, list(story.sentences), [])
    assert written.summary_method == "repaired"
    assert written.summary.startswith("Port Elling opened its rebuilt harbour bridge")
    assert "2019" not in written.summary and "Fenn" not in written.summary
    assert "Engineers had closed the old bridge in 2021" in written.summary, "the closest source sentence"
    assert written.guard.checked == 6 and written.guard.rejected == 4
    assert written.guard.regenerated == 2
    assert (written.guard.replaced, written.guard.dropped) == (1, 1)


def test_swapped_attribution_is_rejected(config: Config) -> None:
    story = _story()
    written = _writer(FakeBackend([SWAPPED, SWAPPED]), config).write(story, list(story.sentences), [])
    assert any("attribution: whitcombe" in u for u in written.attempts[0].unsupported)
    assert "Dana Whitcombe said local businesses" not in written.summary


def test_parse_draft_and_trim() -> None:
    draft = parse_draft("**HEADLINE:** Talks resume in U. S. capital\n\nSUMMARY: Talks resumed.\nMore text.")
    assert draft.headline == "Talks resume in U.S. capital"
    assert draft.summary == "Talks resumed. More text."
    assert parse_draft("Just a paragraph.").summary == "Just a paragraph."
    long = "One two three four. Five six seven eight. Nine ten eleven twelve."
    assert trim_words(long, 9) == "One two three four. Five six seven eight."
    abbreviated = "The talks began in Geneva on Monday. Envoys pressed for detained U.S. citizens to go free."
    assert trim_words(abbreviated, 14) == "The talks began in Geneva on Monday."  # "U.S." ends no sentence


def test_prompt_with_missing_variable_fails_by_name() -> None:
    with pytest.raises(ConfigError, match="sentences"):
        load_prompt("summary").render(outlets=2, words=50)


def test_unknown_backend_and_model_are_clear_errors() -> None:
    with pytest.raises(ConfigError, match="unknown backend 'nope'"):
        create_backend(load_config(overrides={"abstractive": {"backend": "nope"}}).abstractive)
    with pytest.raises(ModelLoadError, match="neither a packaged model"):
        create_backend(load_config(overrides={"abstractive": {"model": "no-such-model"}}).abstractive)


def _tiny_model(folder: Path, seq2seq: bool) -> Path:
    """A randomly initialised model and word-level tokenizer, built from configs in the test."""
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import (
        BartConfig,
        BartForConditionalGeneration,
        GPT2Config,
        GPT2LMHeadModel,
        PreTrainedTokenizerFast,
    )

    words = [
        "<pad>",
        "<s>",
        "</s>",
        "<unk>",
        "the",
        "bridge",
        "opened",
        "on",
        "tuesday",
        "mayor",
        "said",
        "it",
        "cost",
        "dollars",
        "port",
        "elling",
    ]
    tokenizer = Tokenizer(models.WordLevel({w: i for i, w in enumerate(words)}, unk_token="<unk>"))
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tokenizer, pad_token="<pad>", bos_token="<s>", eos_token="</s>", unk_token="<unk>"
    )
    if seq2seq:
        config = BartConfig(
            vocab_size=len(words),
            d_model=16,
            encoder_layers=1,
            decoder_layers=1,
            encoder_attention_heads=2,
            decoder_attention_heads=2,
            encoder_ffn_dim=32,
            decoder_ffn_dim=32,
            max_position_embeddings=256,
            pad_token_id=0,
            bos_token_id=1,
            eos_token_id=2,
            decoder_start_token_id=1,
            forced_eos_token_id=2,
        )
        model = BartForConditionalGeneration(config)
    else:
        config = GPT2Config(
            vocab_size=len(words),
            n_embd=16,
            n_layer=1,
            n_head=2,
            n_positions=256,
            bos_token_id=1,
            eos_token_id=2,
            pad_token_id=0,
        )
        model = GPT2LMHeadModel(config)
    path = folder / ("bart" if seq2seq else "gpt2")
    model.save_pretrained(path)
    fast.save_pretrained(path)
    return path


@pytest.mark.parametrize("seq2seq", [False, True], ids=["causal", "seq2seq"])
def test_transformers_backend_loads_a_local_model_and_generates(tmp_path: Path, seq2seq: bool) -> None:
    path = _tiny_model(tmp_path, seq2seq)
    config = load_config(overrides={"abstractive": {"backend": "transformers", "model": str(path)}})
    backend = create_backend(config.abstractive)
    settings = GenerationSettings(max_new_tokens=5, temperature=0.0, top_p=1.0, seed=0)
    first = backend.generate("Summarise.", "the bridge opened on tuesday", settings)
    assert isinstance(first, str)
    assert len(first.split()) <= 5
    assert backend.generate("Summarise.", "the bridge opened on tuesday", settings) == first  # greedy repeats
    assert backend.info().backend == "transformers"
    assert backend.info().name == str(path)


def test_transformers_backend_reports_a_missing_model(tmp_path: Path) -> None:
    config = load_config(
        overrides={"abstractive": {"backend": "transformers", "model": str(tmp_path / "none")}}
    )
    with pytest.raises(ModelLoadError, match="cannot load"):
        create_backend(config.abstractive)


@pytest.mark.slow
def test_llama_cpp_backend_with_the_packaged_default_model() -> None:
    """The real default model: assembled from its PyPI parts, loaded, and asked for a summary."""
    config = load_config()
    backend = create_backend(config.abstractive)
    info = backend.info()
    assert info.backend == "llama-cpp"
    assert info.sha256 == "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
    assert 5 <= count_tokens(backend, "The harbour bridge opened on Tuesday.") <= 12, "its own tokenizer"
    story = _story()
    written = StoryWriter(
        backend,
        load_prompt("summary"),
        load_prompt("summary_strict"),
        GenerationSettings.from_config(config.abstractive),
        words=40,
    ).write(story, list(story.sentences), list(story.sentences[:2]))
    assert written.summary_method == "abstractive", written.attempts
    assert "bridge" in written.summary.lower()
    assert 10 <= len(written.summary.split()) <= 80


@pytest.mark.slow
def test_the_real_model_answers_a_prompt_the_same_whatever_it_answered_before() -> None:
    """llama-cpp-python reuses the prompt prefix shared with the previous call, and where
    evaluation starts changes the batching and now and then a greedy answer; the backend keeps
    only the chat's opening, so a story reads the same after any other (and on any worker)."""
    config = load_config()
    settings = GenerationSettings.from_config(config.abstractive)
    prompt = load_prompt("summary")
    days = [
        (fixtures.HARBOUR_A, fixtures.HARBOUR_B, fixtures.HARBOUR_C),
        (fixtures.VACCINE_A, fixtures.VACCINE_B),
        (fixtures.LONE, fixtures.HARBOUR_C),
        (fixtures.VACCINE_B, fixtures.HARBOUR_A),
    ]
    chats = [
        prompt.render(sentences=split_text(" ".join(texts)), outlets=len(texts), words=70) for texts in days
    ]
    after_others = create_backend(config.abstractive)
    later = [after_others.generate(system, user, settings) for system, user in chats]
    alone = [create_backend(config.abstractive).generate(system, user, settings) for system, user in chats]
    assert alone == later


def test_input_longer_than_the_context_is_written_map_reduce(config: Config) -> None:
    story = _story()
    part = "HEADLINE: x\nSUMMARY: Port Elling opened the rebuilt harbour bridge on Tuesday."
    backend = FakeBackend([part, part, GOOD])
    writer = StoryWriter(
        backend,
        load_prompt(config.abstractive.prompt),
        load_prompt(config.abstractive.strict_prompt),
        GenerationSettings(max_new_tokens=60, temperature=0.0, top_p=1.0, seed=0),
        words=60,
        context_tokens=400,  # the prompt, the answer and about six of the ten source sentences
    )
    written = writer.write(story, list(story.sentences), [])
    assert written.summary_method == "abstractive" and written.parts == 2
    map_calls, reduce_call = backend.calls[:2], backend.calls[2]
    seen = [s.text for s in story.sentences if any(s.text in user for _, user, _ in map_calls)]
    assert len(seen) == len(story.sentences), "every sentence is read in some part"
    assert reduce_call[1].count("Port Elling opened the rebuilt harbour bridge on Tuesday.") == 2


def test_without_retries_the_first_draft_is_repaired_at_once(config: Config) -> None:
    story = _story()
    backend = FakeBackend([PARTLY_INVENTED])
    writer = StoryWriter(
        backend,
        load_prompt(config.abstractive.prompt),
        load_prompt(config.abstractive.strict_prompt),
        GenerationSettings.from_config(config.abstractive),
        words=60,
        retries=0,
    )
    written = writer.write(story, list(story.sentences), [])
    assert len(backend.calls) == 1 and written.summary_method == "repaired"
    assert written.guard.regenerated == 0 and written.guard.replaced == 1


def test_every_summary_sentence_cites_the_source_sentences_that_say_it(config: Config) -> None:
    story = _story()
    written = _writer(FakeBackend([GOOD]), config).write(
        story, list(story.sentences), list(story.sentences[:3])
    )
    keys = {s.key for s in story.sentences}
    assert (
        written.summary_sentences and " ".join(s.text for s in written.summary_sentences) == written.summary
    )
    cited = [s for s in written.summary_sentences if s.citation.sentences]
    assert cited, "a summary made of the sources' words cites them"
    assert all(set(s.citation.sentences) <= keys for s in written.summary_sentences)
    assert all({a for a, _ in s.citation.sentences} == set(s.citation.article_ids) for s in cited)


def test_a_sentence_the_model_writes_twice_is_shown_once(config: Config) -> None:
    story = _story()
    repeated = GOOD.replace(
        "The four-lane crossing cost 240 million dollars.",
        "The four-lane crossing cost 240 million dollars. The four-lane crossing cost 240 million dollars.",
    )
    written = _writer(FakeBackend([repeated]), config).write(story, list(story.sentences), [])
    texts = [s.text for s in written.summary_sentences]
    assert texts.count("The four-lane crossing cost 240 million dollars.") == 1, texts
    assert written.summary_method == "abstractive"


def test_a_short_draft_is_filled_only_with_sentences_that_stand_alone() -> None:
    story = _story()
    pointing = make_article(
        "It has carried traffic across the river mouth since the spring of this year.\n"
        "The bridge's steel came from a mill in the north of the country.",
        "c",
    )
    ranked = [*split_article(pointing), *story.sentences]
    filled = fill_to_length("Port Elling opened its rebuilt harbour bridge on Tuesday.", ranked, 40)
    assert "It has carried" not in filled
    assert "The bridge's steel came from a mill" in filled


def test_sentences_alike_but_for_a_number_or_a_negation_are_both_kept() -> None:
    for text in (
        "Turnout was 61 percent in 2019. Turnout was 48 percent in 2024.",
        "The union accepted the offer. The union has not accepted the offer.",
    ):
        assert without_repeats(text) == text
    assert without_repeats("The plant will close. The plant will close.") == "The plant will close."


def test_a_rejected_headline_gives_way_to_the_title_of_the_storys_common_framing() -> None:
    articles = (
        make_article("The council closed the Alder Street pool on Monday.", "a", title="Shameful betrayal"),
        make_article(
            "Alder Street pool closed by council vote.", "b", title="Council closes Alder Street pool"
        ),
        make_article("Swimmers lost their pool when the council voted.", "c", title="Council votes on pool"),
    )
    story = Story("s", articles, ())
    assert fallback_title(story) == "Council closes Alder Street pool"  # words the others use
    assert fallback_title(Story("s", articles[:1], ())) == "Shameful betrayal"  # the only title
