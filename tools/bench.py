"""Benchmark the site build on N synthetic papers, with Hugo on the same files for comparison.

    python -m tools.bench --papers N [--seed S] [--json] [--keep DIR] [--hugo | --no-hugo]
                          [--profile FILE] [--similar-only]

Writes N realistic paper files in the paper file format (docs/paper-format.md), through the
model's own writer (paperfeed.paperfile.render_paper), into a temporary content folder, then
times each step of `invoke build` (content check, Pelican, search index) three times: cold
(fresh output and cache), again with nothing changed, and again after one paper's title was
edited; an `invoke build` row adds up the three steps. Each row reports wall seconds, peak RSS
of the build process tree, HTML pages and output size. The similar-papers step, which runs
inside Pelican's build, is also timed alone in each state (tools/bench_similar.py: reading
the papers and computing every list with its cache), with its share of a cold `invoke
build`. Hugo (`apt-get install -y hugo`, 0.111 on Debian) builds the same files with the
minimal layouts in tools/bench_hugo/ for the comparison row. It prints numbers; it asserts
nothing about time.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import json
import os
import platform
import pstats
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from paperfeed.ids import fileid
from paperfeed.paperfile import render_paper
from paperfeed.schema import BODY
from paperfeed.tags import TOPICS_FILE, read_vocabulary
from paperfeed.yamldoc import YamlDocument, front_matter

ROOT = Path(__file__).resolve().parent.parent
HUGO_SITE = ROOT / "tools" / "bench_hugo"
HUGO_INSTALL_HINT = "install it with `apt-get install -y hugo` (Hugo 0.111 on Debian)"

# The listing days end on a fixed day, so a seed always gives the same files.
LAST_DAY = datetime.date(2026, 6, 12)
DAYS_SPAN = 3 * 365

# --- the synthetic papers ---------------------------------------------------------------------


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST_NAMES = _words(
    "Wei Yu Jian Xin Hao Yang Li Jun Ming Hui Lei Tao Yi Chen Zhi Qian Ying Rui Kai Bo "
    "Anna Maria Elena Sofia Laura Julia Sara Clara Marta Ines Zoë Chloé Léa Ana Lucía Ingrid "
    "Priya Aditi Rahul Arjun Vikram Sanjay Neha Kavya Rohan Deepak Ahmed Omar Fatima Layla "
    "Hassan Yusuf Amir Noor David Daniel Michael James John Robert Thomas Peter Paul Mark "
    "Emily Sarah Emma Olivia Grace Hannah Jessica Rachel Kevin Brian Eric Jason Ryan Adam "
    "Hiroshi Takeshi Yuki Haruto Sakura Kenji Min-jun Seo-yeon Ji-hoon Hyun Duc Linh Minh "
    "Jörg Jürgen Björn Søren Lars Nils Åsa Mikael Pierre François Étienne José Joaquín "
    "Łukasz Paweł Tomáš Dmitri Olga Irina Sergei Alexei Nikolai Kwame Ama Chidi Ngozi Tunde"
)

LAST_NAMES = _words(
    "Zhang Wang Li Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Luo Gao "
    "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Nguyen Tran Le Pham Hoang Phan Vu Dang "
    "Tanaka Suzuki Takahashi Watanabe Ito Yamamoto Nakamura Kobayashi Sato Kato "
    "Sharma Gupta Patel Singh Kumar Reddy Iyer Nair Rao Mehta Das Bose Khan Ali Hussain "
    "Smith Johnson Williams Brown Jones Miller Davis Wilson Taylor Anderson Thomas Moore "
    "Martin Jackson White Harris Clark Lewis Walker Hall Young King Wright Scott Green "
    "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schäfer Köhler Groß "
    "García Martínez López González Rodríguez Fernández Sánchez Pérez Gómez Díaz Muñoz "
    "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Dubois Lefèvre Moreau "
    "Ivanov Petrov Smirnov Kuznetsov Popov Novák Dvořák Kowalski Wiśniewski Nowak "
    "Andersson Johansson Nilsson Hansen Jørgensen Larsen Okafor Mensah Adeyemi Mwangi "
    "Silva Santos Oliveira Souza Costa Pereira Almeida Yilmaz Kaya Demir Çelik Şahin"
)

ARXIV_CATEGORIES = (
    ("cs.CL", 30),
    ("cs.LG", 30),
    ("cs.CV", 25),
    ("cs.AI", 20),
    ("stat.ML", 8),
    ("cs.RO", 5),
    ("cs.IR", 4),
    ("cs.SD", 2),
    ("eess.AS", 2),
    ("eess.IV", 2),
    ("cs.CR", 2),
    ("cs.SE", 2),
    ("cs.HC", 2),
    ("cs.MA", 1),
    ("math.OC", 1),
    ("q-bio.QM", 1),
)

DEFAULT_TOPICS = (
    "Large Language Models",
    "Diffusion Models",
    "Reinforcement Learning",
    "Agents",
    "Multimodal",
    "Vision-Language Models",
    "Reasoning",
    "Retrieval-Augmented Generation",
    "Code Generation",
    "Efficient Inference",
    "Alignment",
    "Benchmarks",
    "Speech",
    "Robotics",
    "3D Vision",
    "Video Generation",
    "Graph Neural Networks",
    "Interpretability",
    "Safety",
    "Federated Learning",
)

OLD_STYLE_ARCHIVES = ("hep-th", "hep-ph", "astro-ph", "cond-mat", "quant-ph", "gr-qc")

WORDS = _words(
    "model models language large learning neural network networks training data dataset "
    "benchmark benchmarks task tasks performance method methods approach framework results "
    "transformer attention token tokens sequence context reasoning inference generation "
    "diffusion image images video visual vision multimodal text speech audio representation "
    "representations embedding embeddings latent space feature features layer layers "
    "parameter parameters scaling efficient efficiency memory compute accuracy robustness "
    "generalization alignment preference reward policy agent agents environment planning "
    "retrieval knowledge graph structure evaluation human annotation synthetic pretraining "
    "fine-tuning instruction prompts prompt chain thought decoding sampling distribution "
    "objective loss optimization gradient stochastic convergence theoretical empirical "
    "analysis study experiments state-of-the-art baseline baselines existing prior novel "
    "simple scalable robust adaptive hierarchical sparse dense lightweight open-source "
    "mixture experts quantization distillation pruning compression latency throughput "
    "hallucination factuality safety privacy fairness bias interpretability mechanistic "
    "circuits probing downstream zero-shot few-shot in-context long-context multilingual "
    "cross-lingual low-resource domain adaptation transfer continual curriculum "
    "self-supervised contrastive masked autoregressive encoder decoder backbone "
    "segmentation detection tracking depth pose 3D scene rendering reconstruction "
    "robot manipulation navigation control trajectory simulation real-world "
    "mathematical code program verification proof solver tool use web search "
    "consistency quality diversity fidelity controllability editing personalization"
)

OPENINGS = (
    "We propose",
    "We introduce",
    "We present",
    "This paper studies",
    "Recent work has shown that",
    "Despite rapid progress,",
    "In this work, we investigate",
    "Existing methods struggle with",
    "We find that",
    "Our analysis reveals that",
    "Experiments on",
    "To address this,",
    "Moreover,",
    "Finally,",
    "Extensive experiments show that",
)

MATH = ("$O(n \\log n)$", "$\\mathcal{O}(n^2)$", "$k$", "$\\epsilon$", "$L_2$", "$n \\times d$")


class PaperGenerator:
    """Deterministic synthetic papers: the same count, seed and topics give the same papers."""

    def __init__(self, count: int, seed: int, topics: tuple[str, ...] = DEFAULT_TOPICS):
        self.count = count
        self.rng = random.Random(seed)
        self.topics = topics
        self.used_ids: set[str] = set()
        self.prolific = [self._compose_name() for _ in range(25)]
        # About three pool names per author slot: most authors appear once, some a few times.
        self.author_pool = self._name_pool(max(2000, 24 * count))
        self.categories = [name for name, _ in ARXIV_CATEGORIES]
        self.category_weights = [weight for _, weight in ARXIV_CATEGORIES]

    def papers(self) -> list[dict]:
        """Return the papers, each a dict in the contract key order plus `abstract`."""
        return [self._paper(index) for index in range(self.count)]

    def _paper(self, index: int) -> dict:
        rng = self.rng
        day = self._listing_day()
        # One paper in a hundred has an old-style id; the second one always, so small runs have one.
        if index % 100 == 1:
            arxiv_id, published = self._old_style_id()
        else:
            published = day - datetime.timedelta(days=rng.randint(0, 10))
            arxiv_id = self._new_style_id(published)
        tags = self._tags()
        if "/" in arxiv_id:
            tags = [arxiv_id.split("/")[0], *tags[1:]]
        paper = {
            "title": self._title(),
            "arxiv_id": arxiv_id,
            "authors": self._authors(),
            "date": day,
            "published": published,
            "tags": tags,
        }
        if rng.random() < 0.7:
            paper["upvotes"] = int(rng.paretovariate(1.2)) - 1
        if rng.random() < 0.35:
            paper["github"] = f"https://github.com/{self._slug_word()}/{self._slug_word()}"
        if rng.random() < 0.6:
            paper["keywords"] = [self._phrase(1, 3) for _ in range(rng.randint(3, 8))]
        if rng.random() < 0.6:
            paper["ai_summary"] = self._sentence(20, 35)
        paper["abstract"] = self._abstract()
        return paper

    def _listing_day(self) -> datetime.date:
        day = LAST_DAY - datetime.timedelta(days=self.rng.randint(0, DAYS_SPAN))
        # Daily Papers has no weekend lists: move Saturday and Sunday to the Friday before.
        return day - datetime.timedelta(days=max(0, day.weekday() - 4))

    def _new_style_id(self, published: datetime.date) -> str:
        while True:
            arxiv_id = f"{published:%y%m}.{self.rng.randint(1, 29999):05d}"
            if arxiv_id not in self.used_ids:
                self.used_ids.add(arxiv_id)
                return arxiv_id

    def _old_style_id(self) -> tuple[str, datetime.date]:
        while True:
            year = self.rng.randint(1992, 2006)
            month = self.rng.randint(1, 12)
            archive = self.rng.choice(OLD_STYLE_ARCHIVES)
            arxiv_id = f"{archive}/{year % 100:02d}{month:02d}{self.rng.randint(1, 999):03d}"
            if arxiv_id not in self.used_ids:
                self.used_ids.add(arxiv_id)
                return arxiv_id, datetime.date(year, month, self.rng.randint(1, 28))

    def _compose_name(self) -> str:
        rng = self.rng
        first = rng.choice(FIRST_NAMES)
        last = rng.choice(LAST_NAMES)
        if rng.random() < 0.2:
            last = f"{last}-{rng.choice(LAST_NAMES)}"
        if rng.random() < 0.3:
            return f"{first} {rng.choice('ABCDEFGHIJKLMNOPRSTVWY')}. {last}"
        return f"{first} {last}"

    def _name_pool(self, size: int) -> list[str]:
        # A dict keeps insertion order, so the pool is the same for a seed (a set would not be).
        pool: dict[str, None] = {}
        while len(pool) < size:
            pool.setdefault(self._compose_name())
        return list(pool)

    def _authors(self) -> list[str]:
        rng = self.rng
        count = min(30, max(1, round(rng.lognormvariate(1.8, 0.7))))
        authors: list[str] = []
        while len(authors) < count:
            name = rng.choice(self.prolific if rng.random() < 0.04 else self.author_pool)
            if name not in authors:
                authors.append(name)
        return authors

    def _tags(self) -> list[str]:
        rng = self.rng
        tags: list[str] = []
        for category in rng.choices(self.categories, self.category_weights, k=rng.randint(1, 3)):
            if category not in tags:
                tags.append(category)
        for topic in rng.sample(self.topics, k=min(len(self.topics), rng.randint(1, 3))):
            tags.append(topic)
        return tags

    def _phrase(self, low: int, high: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(low, high)))

    def _slug_word(self) -> str:
        return self.rng.choice(WORDS).lower()

    def _title(self) -> str:
        rng = self.rng
        words = [word.capitalize() for word in self._phrase(5, 12).split()]
        title = " ".join(words)
        if rng.random() < 0.4:
            name = "".join(rng.choice(WORDS).capitalize()[:4] for _ in range(2))
            title = f"{name}: {title}"
        return title

    def _sentence(self, low: int, high: int) -> str:
        rng = self.rng
        words = self._phrase(low, high).split()
        if rng.random() < 0.1:
            words.insert(rng.randrange(len(words)), rng.choice(MATH))
        if rng.random() < 0.15:
            words.insert(rng.randrange(len(words)), f"by {rng.uniform(0.5, 40):.1f}%")
        return f"{rng.choice(OPENINGS)} {' '.join(words)}."

    def _abstract(self) -> str:
        rng = self.rng
        target = rng.randint(150, 250)
        sentences: list[str] = []
        length = 0
        while length < target:
            sentence = self._sentence(10, 26)
            sentences.append(sentence)
            length += len(sentence.split())
        if len(sentences) > 5 and rng.random() < 0.2:
            middle = len(sentences) // 2
            return " ".join(sentences[:middle]) + "\n\n" + " ".join(sentences[middle:])
        return " ".join(sentences)


def generate_papers(count: int, seed: int, topics: tuple[str, ...] = DEFAULT_TOPICS) -> list[dict]:
    """Return `count` synthetic papers, the same ones for the same arguments."""
    return PaperGenerator(count, seed, topics).papers()


def write_papers(papers: list[dict], folder: Path) -> list[Path]:
    """Write each paper to `folder/<fileid>.md` and return the paths, in the papers' order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for paper in papers:
        path = folder / f"{fileid(paper['arxiv_id'])}.md"
        path.write_bytes(render_paper(paper))
        paths.append(path)
    return paths


def read_paper(path: Path) -> dict:
    """A paper file as the record it was written from: its front matter and its body."""
    matter = front_matter(path.read_text(encoding="utf-8"))
    document = YamlDocument(matter.yaml, matter.first_line, "paper files")
    return {**document.value(document.root), BODY: matter.body.strip("\n")}


def edit_title(path: Path) -> None:
    """Correct a paper's title, as a contributor's pull request would."""
    paper = read_paper(path)
    paper["title"] = f"{paper['title']} (corrected)"
    path.write_bytes(render_paper(paper))


def repo_topics() -> tuple[str, ...]:
    """Topic names from the repository's content/topics.yaml, or built-in ones without it."""
    topics = read_vocabulary(ROOT / "content" / TOPICS_FILE).topics
    return tuple(topic.name for topic in topics) or DEFAULT_TOPICS


def prepare_content(content: Path, count: int, seed: int) -> list[Path]:
    """Fill a content folder like the repository's: the papers and the topics file."""
    paths = write_papers(generate_papers(count, seed, repo_topics()), content / "papers")
    if (ROOT / "content" / TOPICS_FILE).exists():
        shutil.copyfile(ROOT / "content" / TOPICS_FILE, content / TOPICS_FILE)
    return paths


# --- the builds -------------------------------------------------------------------------------

PELICAN_SETTINGS = ROOT / "pelicanconf.py"


def pelican_command(content: Path, output: Path, cache: Path, settings: Path) -> list[str]:
    """The project's build (what `invoke build` runs), pointed at other content and output."""
    return [
        sys.executable,
        "-m",
        "pelican",
        str(content),
        "-o",
        str(output),
        "-s",
        str(settings),
        "--cache-path",
        str(cache),
    ]


def hugo_command(site: Path, content: Path, output: Path, cache: Path) -> list[str]:
    """Hugo building the same paper files with the minimal layouts in tools/bench_hugo/."""
    return [
        "hugo",
        "--quiet",
        "--source",
        str(site),
        "--contentDir",
        str(content),
        "--destination",
        str(output),
        "--cacheDir",
        str(cache),
    ]


class BenchError(Exception):
    """A failure that stops the bench, with the one-line reason to show."""


@dataclass
class Measurement:
    """One build: how long it took, its peak memory, and what it wrote (None: writes nothing)."""

    seconds: float
    ms_per_paper: float
    peak_rss_mb: float
    html_pages: int | None = None
    paper_pages: int | None = None
    output_mb: float | None = None
    avg_paper_page_kb: float | None = None


def run_measured(command: list[str], log: Path) -> tuple[float, float]:
    """Run a command from the repository root; return (wall seconds, peak RSS in MB).

    `os.wait4` reports the peak RSS of the child and of every descendant it waited for,
    so the figure covers the whole build process tree.
    """
    with log.open("w", encoding="utf-8") as log_file:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=log_file, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-15:])
        raise BenchError(
            f"`{' '.join(command[:4])} ...` failed with exit status {process.returncode}; "
            f"last lines of its log ({log}):\n{tail}"
        )
    return seconds, usage.ru_maxrss / 1024


def measure(command: list[str], output: Path | None, papers: int, log: Path) -> Measurement:
    """Run one build and describe it and its output folder (None: a step that writes nothing)."""
    seconds, peak_rss_mb = run_measured(command, log)
    timing = {
        "seconds": round(seconds, 3),
        "ms_per_paper": round(1000 * seconds / papers, 2),
        "peak_rss_mb": round(peak_rss_mb, 1),
    }
    if output is None:
        return Measurement(**timing)
    total_bytes = 0
    html_pages = 0
    for path in output.rglob("*"):
        if path.is_file():
            total_bytes += path.stat().st_size
            html_pages += path.suffix == ".html"
    paper_sizes = [path.stat().st_size for path in output.glob("papers/*/index.html")]
    return Measurement(
        **timing,
        html_pages=html_pages,
        paper_pages=len(paper_sizes),
        output_mb=round(total_bytes / 1e6, 1),
        avg_paper_page_kb=round(sum(paper_sizes) / len(paper_sizes) / 1000, 2)
        if paper_sizes
        else 0.0,
    )


def fresh(*paths: Path) -> None:
    """Remove folders (and files), so the next build starts cold."""
    for path in paths:
        if path.is_file():
            path.unlink()
        shutil.rmtree(path, ignore_errors=True)


def search_command(output: Path) -> list[str]:
    """The search indexing `invoke build` runs after Pelican (tasks.py, `_index_search`)."""
    return [sys.executable, str(ROOT / "scripts" / "search_index.py"), "--site", str(output)]


def invoke_build(steps: list[Measurement], count: int) -> Measurement:
    """`invoke build` as its three steps add up: check, Pelican (the output), search index."""
    seconds = sum(step.seconds for step in steps)
    pelican = steps[1]
    return Measurement(
        seconds=round(seconds, 3),
        ms_per_paper=round(1000 * seconds / count, 2),
        peak_rss_mb=max(step.peak_rss_mb for step in steps),
        html_pages=pelican.html_pages,
        paper_pages=pelican.paper_pages,
        output_mb=pelican.output_mb,
        avg_paper_page_kb=pelican.avg_paper_page_kb,
    )


def check_command(content: Path) -> list[str]:
    """The content check `invoke build` runs before Pelican."""
    return [
        sys.executable,
        str(ROOT / "scripts" / "check.py"),
        "--content-dir",
        str(content / "papers"),
    ]


def similar_command(content: Path, cache: Path) -> list[str]:
    """The similar-papers step alone (tools/bench_similar.py), with its cache file."""
    return [sys.executable, "-m", "tools.bench_similar", str(content), str(cache)]


def bench_similar(
    workdir: Path, content: Path, count: int, state: str, results: dict[str, Measurement]
) -> dict:
    """Time the similar-papers step alone in `state`; return what it computed."""
    name = f"similar_{state}"
    command = similar_command(content, workdir / "similar-cache.npz")
    results[name] = measure(command, None, count, workdir / f"{name}.log")
    return json.loads((workdir / f"{name}.log").read_text(encoding="utf-8").splitlines()[-1])


def bench_builds(
    workdir: Path, content: Path, papers: list[Path], settings: Path, similar_only: bool = False
) -> tuple[dict[str, Measurement], dict[str, dict]]:
    """Time `invoke build`'s steps, and the similar-papers step alone, cold, with nothing
    changed, and after one paper's edit (with `similar_only`, that step alone)."""
    output, cache = workdir / "pelican-output", workdir / "pelican-cache"
    commands = {
        "content_check": check_command(content),
        "pelican": pelican_command(content, output, cache, settings),
        "search_index": search_command(output),
    }
    count = len(papers)
    fresh(output, cache, workdir / "similar-cache.npz")
    results: dict[str, Measurement] = {}
    similar: dict[str, dict] = {}
    for state in ("cold", "unchanged", "one_edit"):
        if state == "one_edit":
            edit_title(papers[0])
        if not similar_only:
            for step, command in commands.items():
                writes = output if step == "pelican" else None
                name = f"{step}_{state}"
                results[name] = measure(command, writes, count, workdir / f"{name}.log")
            steps = [results[f"{step}_{state}"] for step in commands]
            results[f"invoke_build_{state}"] = invoke_build(steps, count)
        similar[state] = bench_similar(workdir, content, count, state, results)
    return results, similar


def bench_hugo(workdir: Path, content: Path, count: int) -> Measurement:
    """Time a cold Hugo build of the same content (its own copy of the site, so no lock files
    or caches land in the repository)."""
    site, output, cache = workdir / "hugo-site", workdir / "hugo-output", workdir / "hugo-cache"
    fresh(site, output, cache)
    shutil.copytree(HUGO_SITE, site)
    return measure(hugo_command(site, content, output, cache), output, count, workdir / "hugo.log")


def profile_pelican(workdir: Path, content: Path, settings: Path, profile: Path) -> None:
    """Run one more cold build under cProfile and dump its stats to `profile`."""
    output, cache = workdir / "profile-output", workdir / "profile-cache"
    fresh(output, cache)
    command = pelican_command(content, output, cache, settings)
    profiled = [command[0], "-m", "cProfile", "-o", str(profile.resolve()), *command[1:]]
    run_measured(profiled, workdir / "profile.log")


def hugo_version() -> str | None:
    """Hugo's version line, or None when Hugo is not installed."""
    if shutil.which("hugo") is None:
        return None
    result = subprocess.run(["hugo", "version"], capture_output=True, text=True, check=False)
    return result.stdout.strip() or None


def machine() -> dict:
    """What the numbers were measured on."""
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(memory_gb, 1),
        "os": platform.platform(terse=True),
        "python": platform.python_version(),
        "pelican": importlib.metadata.version("pelican"),
        "hugo": hugo_version(),
    }


def progress(message: str) -> None:
    """Say what the bench is doing, on stderr (stdout carries the report)."""
    print(f"bench: {message}", file=sys.stderr, flush=True)


def run_bench(
    count: int,
    seed: int,
    workdir: Path,
    hugo: bool | None,
    profile: Path | None,
    similar_only: bool = False,
) -> dict:
    """Generate the papers in `workdir`, run every build, and return the report as a dict.

    `hugo`: True requires Hugo, False skips it, None runs it when it is installed.
    `similar_only`: time the similar-papers step alone (no build, no Hugo).
    """
    if hugo and shutil.which("hugo") is None:
        raise BenchError(f"hugo is not installed: {HUGO_INSTALL_HINT}, or run with --no-hugo")
    load_before = round(os.getloadavg()[0], 2)
    content = workdir / "content"
    progress(f"writing {count} papers into {content}")
    papers = prepare_content(content, count, seed)
    settings, settings_name = PELICAN_SETTINGS, PELICAN_SETTINGS.name
    if similar_only:
        progress("timing the similar-papers step: cold, with nothing changed, after one edit")
        builds, similar = bench_builds(workdir, content, papers, settings, similar_only=True)
        return {
            "papers": count,
            "seed": seed,
            "pelican_settings": settings_name,
            "builds": {name: asdict(measurement) for name, measurement in builds.items()},
            "similar": similar,
            "machine": machine(),
            "load_average_before": load_before,
        }
    progress("timing `invoke build`'s steps: cold, with nothing changed, after one edit")
    builds, similar = bench_builds(workdir, content, papers, settings)
    hugo_note = None
    if hugo is False:
        hugo_note = "skipped (--no-hugo)"
    elif shutil.which("hugo") is None:
        hugo_note = f"skipped: hugo is not installed; {HUGO_INSTALL_HINT}"
    else:
        progress("timing Hugo: cold build")
        builds["hugo_cold"] = bench_hugo(workdir, content, count)
    if profile is not None:
        progress(f"profiling a cold Pelican build into {profile}")
        profile_pelican(workdir, content, settings, profile)
    pelican_ratio = build_ratio = None
    if "hugo_cold" in builds:
        hugo_seconds = builds["hugo_cold"].seconds
        pelican_ratio = round(builds["pelican_cold"].seconds / hugo_seconds, 2)
        build_ratio = round(builds["invoke_build_cold"].seconds / hugo_seconds, 2)
    edit_ratio = round(builds["pelican_one_edit"].seconds / builds["pelican_cold"].seconds, 2)
    build_edit_ratio = round(
        builds["invoke_build_one_edit"].seconds / builds["invoke_build_cold"].seconds, 2
    )
    return {
        "papers": count,
        "seed": seed,
        "pelican_settings": settings_name,
        "builds": {name: asdict(measurement) for name, measurement in builds.items()},
        "pelican_to_hugo": pelican_ratio,
        "build_to_hugo": build_ratio,
        "edit_to_cold": edit_ratio,
        "build_edit_to_cold": build_edit_ratio,
        "similar": similar,
        "similar_to_build": round(
            builds["similar_cold"].seconds / builds["invoke_build_cold"].seconds, 3
        ),
        "hugo_note": hugo_note,
        "profile": str(profile) if profile else None,
        "machine": machine(),
        "load_average_before": load_before,
    }


# --- the report -------------------------------------------------------------------------------

ROW_NAMES = {
    "content_check_cold": "content check",
    "pelican_cold": "Pelican, cold",
    "search_index_cold": "search index (Pagefind), cold",
    "invoke_build_cold": "`invoke build`, cold (the three above)",
    "content_check_unchanged": "content check, nothing changed",
    "pelican_unchanged": "Pelican, nothing changed",
    "search_index_unchanged": "search index, nothing changed",
    "invoke_build_unchanged": "`invoke build`, nothing changed (the three above)",
    "content_check_one_edit": "content check, one paper edited",
    "pelican_one_edit": "Pelican, one paper edited",
    "search_index_one_edit": "search index, one paper edited",
    "invoke_build_one_edit": "`invoke build`, one paper edited (the three above)",
    "hugo_cold": "Hugo, cold",
    "similar_cold": "similar papers alone (in Pelican's build), cold",
    "similar_unchanged": "similar papers alone, nothing changed",
    "similar_one_edit": "similar papers alone, one paper edited",
}

COLUMNS = (
    ("seconds", "seconds", "{:.2f}"),
    ("ms_per_paper", "ms/paper", "{:.2f}"),
    ("peak_rss_mb", "peak RSS MB", "{:.0f}"),
    ("html_pages", "HTML pages", "{:d}"),
    ("output_mb", "output MB", "{:.1f}"),
    ("avg_paper_page_kb", "KB/paper page", "{:.1f}"),
)


def format_table(report: dict) -> str:
    """The report as a Markdown table, with the Pelican/Hugo ratio and the machine."""
    header = ["build", *(title for _, title, _ in COLUMNS)]
    lines = [
        f"{report['papers']:,} papers (seed {report['seed']}), "
        f"Pelican settings: {report['pelican_settings']}",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "|".join(["---"] + ["---:"] * len(COLUMNS)) + "|",
    ]
    for name, values in report["builds"].items():
        cells = [ROW_NAMES[name]]
        cells += [
            "-" if values[key] is None else fmt.format(values[key]) for key, _, fmt in COLUMNS
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    if "edit_to_cold" in report:  # not a --similar-only run
        lines += _build_ratios(report)
    if report.get("similar"):
        lines.append(_similar_line(report))
    info = report["machine"]
    hugo = (info["hugo"] or "no Hugo").split("+")[0]
    lines.append(
        f"Machine: {info['cpu']}, {info['cores']} cores, {info['memory_gb']} GB RAM, "
        f"{info['os']}, Python {info['python']}, Pelican {info['pelican']}, {hugo}; "
        f"load average {report['load_average_before']} before the run"
    )
    return "\n".join(lines)


def _build_ratios(report: dict) -> list[str]:
    lines = []
    if report["pelican_to_hugo"] is not None:
        lines.append(f"Pelican cold build / Hugo cold build: {report['pelican_to_hugo']:.2f}x")
        lines.append(
            "`invoke build` (check + Pelican + search index) / Hugo cold build: "
            f"{report['build_to_hugo']:.2f}x"
        )
    else:
        lines.append(f"Hugo: {report['hugo_note']}")
    lines.append(f"Pelican after one edit / Pelican cold build: {report['edit_to_cold']:.2f}x")
    lines.append(
        f"`invoke build` after one edit / `invoke build` cold: {report['build_edit_to_cold']:.2f}x"
    )
    if report.get("similar_to_build") is not None:
        lines.append(
            "similar papers alone, cold / `invoke build` cold: "
            f"{100 * report['similar_to_build']:.1f}%"
        )
    return lines


def _similar_line(report: dict) -> str:
    """What the similar-papers step computed in each state."""
    parts = [
        f"{state}: {run['compute_seconds']:.2f} s computing, {run['tokenized']} tokenized, "
        f"{run['changed']} vectors changed, {run['recomputed']} lists computed"
        for state, run in report["similar"].items()
    ]
    cache_mb = report["similar"]["cold"]["cache_mb"]
    return f"Similar papers ({cache_mb} MB cache): " + "; ".join(parts)


def print_profile(profile: Path, limit: int = 15) -> None:
    """Print the profile's top entries by cumulative time to stderr."""
    print(f"\ncProfile of a cold build: {profile}, top {limit} by cumulative time", file=sys.stderr)
    pstats.Stats(str(profile), stream=sys.stderr).sort_stats("cumulative").print_stats(limit)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Time the site build on N synthetic papers, and Hugo on the same files."
    )
    parser.add_argument("--papers", type=int, required=True, help="number of papers to generate")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--keep", type=Path, help="work in this new or empty folder and keep it afterwards"
    )
    parser.add_argument(
        "--hugo",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="--hugo fails when Hugo is missing, --no-hugo skips it "
        "(default: run Hugo when installed)",
    )
    parser.add_argument(
        "--profile", type=Path, help="also run a cold build under cProfile, dump stats here"
    )
    parser.add_argument(
        "--similar-only",
        action="store_true",
        help="time only the similar-papers step (no build), e.g. at 100,000 papers",
    )
    args = parser.parse_args(argv)
    if args.papers < 1:
        parser.error("--papers must be at least 1")
    if args.keep is not None and args.keep.exists() and any(args.keep.iterdir()):
        parser.error(f"--keep {args.keep}: folder is not empty; give a new or empty folder")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the bench from the command line; return the exit status."""
    args = parse_args(argv)
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
        workdir = args.keep.resolve()
    else:
        workdir = Path(tempfile.mkdtemp(prefix="paperfeed-bench-"))
    try:
        report = run_bench(
            args.papers, args.seed, workdir, args.hugo, args.profile, args.similar_only
        )
        print(json.dumps(report, indent=2) if args.json else format_table(report), flush=True)
        if args.profile is not None and not args.json:
            print_profile(args.profile)
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    finally:
        if args.keep is None:
            progress(f"removing {workdir}")
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
