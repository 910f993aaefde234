"""Similar papers in a real build: papers on one narrow subject find each other among unrelated
ones, the lists are deterministic, shown on each paper page and written to similar.json."""

import datetime
import json
from pathlib import Path

import pytest

from paperfeed.testing import build_site, output_files, page, visible_text, write_paper

from .similar import SimilarSettingsError, options_of

PLUGINS = ["paper_reader", "mathml", "similar"]
DAY = datetime.date(2026, 6, 12)

# Three subjects with a few papers each, and papers on nothing the others are about.
SUBJECTS: dict[str, list[tuple[str, str, list[str]]]] = {
    "parameter-efficient fine-tuning": [
        (
            "LoRA-Drop: Pruning Low-Rank Adapters by Their Output Norm",
            "Low-rank adaptation (LoRA) fine-tunes a frozen pretrained language model by adding "
            "trainable low-rank matrices to its weight updates. We observe that many LoRA "
            "adapters contribute little to the output and propose to drop the adapters whose "
            "output norm stays small during the first steps of fine-tuning. LoRA-Drop keeps the "
            "accuracy of full LoRA on GLUE and instruction following while training 50% fewer "
            "adapter parameters.",
            ["cs.CL", "cs.LG"],
        ),
        (
            "Adapters Everywhere: A Study of Bottleneck Adapter Placement in Transformers",
            "Parameter-efficient fine-tuning inserts small bottleneck adapter modules into a "
            "frozen transformer and trains only them. We study where adapters should go: after "
            "attention, after the feed-forward block, or in parallel to both. Across eight "
            "tasks, parallel adapters with a larger bottleneck match full fine-tuning while "
            "updating under 1% of the parameters of the pretrained model.",
            ["cs.CL"],
        ),
        (
            "QLoRA-2: Fine-Tuning Quantized Language Models with Low-Rank Adapters on One GPU",
            "We fine-tune 4-bit quantized large language models with low-rank adapters. The "
            "frozen base weights stay quantized while gradients flow through them into LoRA "
            "adapters kept in 16-bit precision. Paged optimizers and double quantization let a "
            "65B model be fine-tuned on a single 48 GB GPU, with parameter-efficient "
            "fine-tuning results close to 16-bit LoRA.",
            ["cs.LG", "cs.CL"],
        ),
        (
            "Prefix Tuning Revisited: Soft Prompts as Parameter-Efficient Fine-Tuning",
            "Prefix tuning and prompt tuning adapt a frozen language model by learning "
            "continuous prefix vectors instead of updating its weights. We compare soft prompts "
            "with LoRA and adapters under the same budget of trainable parameters and find "
            "that prefix tuning lags on small models but closes the gap for models above 10B "
            "parameters, making it a competitive parameter-efficient fine-tuning method.",
            ["cs.CL"],
        ),
        (
            "DoRA-Sparse: Weight-Decomposed Low-Rank Adaptation with Sparse Updates",
            "Weight-decomposed low-rank adaptation splits each pretrained weight into a "
            "magnitude and a direction and fine-tunes the direction with a low-rank update. We "
            "add a sparse update of the magnitude and show that the combination outperforms "
            "LoRA and DoRA on commonsense reasoning with the same number of trainable "
            "parameters, keeping fine-tuning memory low.",
            ["cs.LG"],
        ),
    ],
    "vision-language models": [
        (
            "Visual Instruction Tuning at Scale: Connecting an Image Encoder to a Chat Model",
            "We connect a pretrained vision encoder to a large language model through a "
            "projection layer and train the vision-language model on machine-generated "
            "image-text instruction data. The model answers questions about images, describes "
            "scenes and follows visual instructions, and sets a new accuracy on ScienceQA "
            "among vision-language assistants.",
            ["cs.CV", "cs.CL"],
        ),
        (
            "Contrastive Image-Text Pretraining with Noisy Web Captions",
            "Contrastive pretraining aligns an image encoder and a text encoder so that an "
            "image and its caption embed close together. We pretrain on two billion noisy "
            "image-text pairs from the web with a filtering step based on caption quality, and "
            "obtain vision-language representations that transfer zero-shot to image "
            "classification and image-text retrieval.",
            ["cs.CV"],
        ),
        (
            "Grounded Visual Question Answering with Region-Aware Vision-Language Models",
            "Vision-language models answer questions about an image but rarely say where they "
            "looked. We train a region-aware vision-language model that outputs bounding boxes "
            "for the image regions supporting each answer, improving visual question answering "
            "and visual grounding benchmarks while making the answers verifiable.",
            ["cs.CV", "cs.CL"],
        ),
        (
            "Video-LLaVA-Long: Vision-Language Understanding of Hour-Long Videos",
            "We extend an image-based vision-language model to long videos by sampling frames, "
            "encoding each with the visual encoder and compressing the visual tokens before "
            "the language model. The model answers questions about hour-long videos and "
            "improves video question answering over image-text and video-text baselines.",
            ["cs.CV"],
        ),
        (
            "Hallucination in Vision-Language Models: Objects That Are Not in the Image",
            "Large vision-language models often describe objects that are not in the image. "
            "We build a benchmark of image captions and visual questions that probe object "
            "hallucination, and show that grounding the visual tokens during instruction "
            "tuning reduces hallucinated objects in the model's image descriptions.",
            ["cs.CV", "cs.CL"],
        ),
    ],
    "unrelated": [
        (
            "Protein Structure Prediction from Single Sequences with Evolutionary Priors",
            "We predict the three-dimensional structure of a protein from its amino acid "
            "sequence alone, without multiple sequence alignments, using a folding network "
            "with priors learned from evolutionary statistics of protein families.",
            ["q-bio.QM"],
        ),
        (
            "Message Passing Networks for Molecular Property Prediction",
            "Graph neural networks pass messages between atoms along chemical bonds. We "
            "predict molecular properties such as solubility and toxicity with an equivariant "
            "message passing network on molecular graphs.",
            ["cs.LG"],
        ),
        (
            "Learning Dexterous Grasping with Reinforcement Learning in Simulation",
            "A robot hand learns to grasp unseen objects with reinforcement learning in a "
            "physics simulator, then transfers the grasping policy to a real robot with "
            "domain randomization of friction and object mass.",
            ["cs.RO"],
        ),
        (
            "Streaming Speech Recognition with Chunked Conformer Encoders",
            "We make conformer speech recognition streaming by encoding audio in chunks with "
            "limited look-ahead, reducing latency of the transcription while keeping word "
            "error rate close to full-context recognition.",
            ["eess.AS", "cs.SD"],
        ),
        (
            "Forecasting Electricity Demand with Temporal Convolutions",
            "We forecast hourly electricity demand of a power grid with dilated temporal "
            "convolutions over weather and calendar features, improving on seasonal "
            "time-series baselines for day-ahead load forecasting.",
            ["cs.LG"],
        ),
        (
            "Federated Averaging under Differential Privacy for Hospital Records",
            "Hospitals train a shared model without exchanging patient records: federated "
            "averaging of client updates with differential privacy noise added to each "
            "update, with a privacy accounting over training rounds.",
            ["cs.CR"],
        ),
    ],
}


def collection() -> list[dict]:
    """The papers of SUBJECTS as write_paper records, with their subject."""
    papers = []
    number = 1
    for subject, entries in SUBJECTS.items():
        for title, abstract, tags in entries:
            papers.append(
                {
                    "subject": subject,
                    "title": title,
                    "arxiv_id": f"2606.{number:05d}",
                    "authors": [f"Author {number}", "Second Author"],
                    "date": DAY,
                    "tags": tags,
                    "abstract": abstract,
                }
            )
            number += 1
    return papers


def write_collection(content: Path, papers: list[dict]) -> None:
    for paper in papers:
        write_paper(content / "papers", **{k: v for k, v in paper.items() if k != "subject"})


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[Path, list[dict]]:
    folder = tmp_path_factory.mktemp("similar")
    papers = collection()
    write_collection(folder / "content", papers)
    return build_site(folder / "content", folder / "output", plugins=PLUGINS), papers


def lists(output: Path) -> dict[str, list[str]]:
    index = json.loads((output / "similar.json").read_text(encoding="utf-8"))
    return {
        key: [entry["file_id"] for entry in entries] for key, entries in index["papers"].items()
    }


@pytest.mark.parametrize("subject", ["parameter-efficient fine-tuning", "vision-language models"])
def test_papers_on_one_narrow_subject_find_each_other_first(site, subject):
    output, papers = site
    similar = lists(output)
    group = {paper["arxiv_id"] for paper in papers if paper["subject"] == subject}

    for paper in group:
        others = group - {paper}
        assert set(similar[paper][: len(others)]) == others, similar[paper]


def test_each_list_has_up_to_six_other_papers_with_scores_best_first(site):
    output, papers = site
    index = json.loads((output / "similar.json").read_text(encoding="utf-8"))["papers"]

    assert index.keys() == {paper["arxiv_id"] for paper in papers}
    for key, entries in index.items():
        assert 1 <= len(entries) <= 6
        assert key not in [entry["file_id"] for entry in entries]
        scores = [entry["score"] for entry in entries]
        assert scores == sorted(scores, reverse=True)
        assert all(entry["url"] == f"papers/{entry['file_id']}/" for entry in entries)


def test_a_paper_page_shows_its_similar_papers_with_first_author_and_day(site):
    output, _ = site
    similar = lists(output)["2606.00001"]
    html = page(output, "papers/2606.00001/")

    section = html[
        html.index('id="similar"') : html.index("</section>", html.index('id="similar"'))
    ]
    links = [part.split('"')[0] for part in section.split('href="')[1:]]
    assert links == [f"../../papers/{key}/" for key in similar]
    assert "Author 2 et al., listed 12 Jun 2026" in " ".join(visible_text(section).split())


def test_another_version_of_a_paper_is_not_on_its_list(tmp_path):
    papers = collection()
    resubmitted = dict(papers[0], arxiv_id="2607.00001", title=papers[0]["title"].upper() + ".")
    write_collection(tmp_path / "content", [*papers, resubmitted])

    output = build_site(tmp_path / "content", tmp_path / "output", plugins=PLUGINS)

    similar = lists(output)
    assert "2607.00001" not in similar["2606.00001"]
    assert "2606.00001" not in similar["2607.00001"]
    assert similar["2607.00001"] == similar["2606.00001"]


def test_two_builds_of_the_same_papers_write_the_same_lists_and_pages(site, tmp_path):
    output, papers = site
    write_collection(tmp_path / "content", list(reversed(papers)))

    again = build_site(tmp_path / "content", tmp_path / "output", plugins=PLUGINS)

    first, second = output_files(output), output_files(again)
    assert second["similar.json"] == first["similar.json"]
    pages = [path for path in first if path.startswith("papers/")]
    assert {path: second[path] for path in pages} == {path: first[path] for path in pages}


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        ("SIMILAR_PAPERS_COUNT", -1, "SIMILAR_PAPERS_COUNT must be a whole number from 0 to 50"),
        ("SIMILAR_PAPERS_COUNT", "6", "SIMILAR_PAPERS_COUNT must be a whole number from 0 to 50"),
        ("SIMILAR_TERMS_PER_PAPER", 0, "SIMILAR_TERMS_PER_PAPER must be 1 or more"),
        ("SIMILAR_TITLE_WEIGHT", 1.5, "SIMILAR_TITLE_WEIGHT must be a whole number, 1 or more"),
        ("SIMILAR_TAG_WEIGHT", True, "SIMILAR_TAG_WEIGHT must be 0 or more"),
    ],
)
def test_an_unusable_setting_is_named(setting, value, message):
    settings = {
        "SIMILAR_PAPERS_COUNT": 6,
        "SIMILAR_TERMS_PER_PAPER": 24,
        "SIMILAR_TITLE_WEIGHT": 2,
        "SIMILAR_TAG_WEIGHT": 0.5,
        setting: value,
    }

    with pytest.raises(SimilarSettingsError, match=message):
        options_of(settings)


def test_no_lists_with_a_count_of_zero(tmp_path):
    write_collection(tmp_path / "content", collection()[:3])

    output = build_site(
        tmp_path / "content", tmp_path / "output", plugins=PLUGINS, SIMILAR_PAPERS_COUNT=0
    )

    assert not (output / "similar.json").exists()
    assert 'id="similar"' not in page(output, "papers/2606.00001/")
