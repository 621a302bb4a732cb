import pytest

from qa_service.ingest.chunking import document_text, split_passages
from qa_service.models import Block, DocumentMeta

META = DocumentMeta(id="doc", title="Test document", kind="report", path="doc.txt", checksum="x")


def words(text):
    return len(text.split()) + 2


def test_offsets_point_into_the_document_text():
    blocks = [
        Block("Intro", 1),
        Block("Alpha beta gamma delta epsilon zeta eta theta iota kappa. " * 3),
        Block("Method", 1),
        Block("Second paragraph here with some words in it to keep. " * 3),
    ]
    text, passages = split_passages(META, blocks, words, 256)
    assert text == document_text(blocks)[0]
    for passage in passages:
        assert text[passage.start : passage.end] == passage.text
    assert [p.section for p in passages] == [("Intro",), ("Method",)]
    assert [p.paragraph for p in passages] == [1, 2]


def test_headings_nest_and_reset():
    blocks = [
        Block("Part", 1),
        Block("Sub", 2),
        Block("body one " * 20),
        Block("Next part", 1),
        Block("body two " * 20),
    ]
    _, passages = split_passages(META, blocks, words, 256)
    assert [p.section for p in passages] == [("Part", "Sub"), ("Next part",)]


@pytest.mark.parametrize("limit", [20, 40, 64])
def test_long_paragraph_splits_within_limit_with_overlap(limit):
    sentences = [f"Sentence number {i} has exactly seven words." for i in range(30)]
    blocks = [Block(" ".join(sentences))]
    text, passages = split_passages(META, blocks, words, limit)
    assert len(passages) > 1
    assert all(words(p.text) <= limit for p in passages)
    covered = set()
    for passage in passages:
        covered.update(range(passage.start, passage.end))
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())
    # consecutive windows share a sentence of context
    assert all(b.start < a.end for a, b in zip(passages, passages[1:], strict=False))


def test_overlong_sentence_is_cut_at_words_never_truncated():
    blocks = [Block(" ".join(f"w{i}" for i in range(100)))]
    text, passages = split_passages(META, blocks, words, 30)
    assert all(words(p.text) <= 30 for p in passages)
    assert " ".join(p.text for p in passages).split() == text.split()


def test_tiny_fragments_merge_within_section_and_page():
    blocks = [Block("Short one.", page=1), Block("Short two.", page=1), Block("Other page.", page=2)]
    _, passages = split_passages(META, blocks, words, 256)
    assert [p.text for p in passages] == ["Short one.\n\nShort two.", "Other page."]
    assert [p.page for p in passages] == [1, 2]


def test_ids_are_stable_and_unique():
    blocks = [
        Block("Same text repeated here."),
        Block("Other"),
        Block("x " * 40),
        Block("Same text repeated here."),
    ]
    _, first = split_passages(META, blocks, words, 256)
    _, second = split_passages(META, blocks, words, 256)
    assert [p.id for p in first] == [p.id for p in second]
    assert len({p.id for p in first}) == len(first)


@pytest.mark.model
def test_real_tokenizer_limit(real_encoder):
    text = " ".join(["Partnership working across the local public sector needs rationalising."] * 80)
    _, passages = split_passages(META, [Block(text)], real_encoder.count_tokens, real_encoder.max_tokens)
    assert len(passages) > 1
    assert all(real_encoder.count_tokens(p.text) <= real_encoder.max_tokens for p in passages)


def test_a_pdf_page_joins_its_fragments_across_headings():
    # a statement page: a title, a label read as a heading, row groups; one passage carries them all
    blocks = [
        Block("Consolidated Statement of Cash Flows", page=4, heading_level=1),
        Block("Net income | 5,363 | 4,869", page=4),
        Block("Cash Flows from Investing Activities", page=4, heading_level=2),
        Block("Purchases of property, plant and equipment | (1,577) | (1,373)", page=4),
        Block("Next page.", page=5),
    ]
    text, passages = split_passages(META, blocks, words, 256)
    assert [p.page for p in passages] == [4, 5]
    first = passages[0]
    assert "Cash Flows from Investing Activities" in first.text  # the heading between stays in the words
    assert first.text == text[first.start : first.end]
    assert first.section == ("Consolidated Statement of Cash Flows",)


def test_page_merge_stops_at_its_size_and_leaves_unpaged_paragraphs_alone():
    long_block = " ".join(f"w{i}" for i in range(60))
    paged = [Block(long_block, page=1), Block(" ".join(f"x{i}" for i in range(30)), page=1)]
    assert len(split_passages(META, paged, words, 80)[1]) == 2
    assert len(split_passages(META, paged, words, 100)[1]) == 1
    unpaged = [Block(" ".join(f"a{i}" for i in range(30))), Block(" ".join(f"b{i}" for i in range(30)))]
    assert len(split_passages(META, unpaged, words, 256)[1]) == 2
