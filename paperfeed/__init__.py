"""paperfeed: the model of a paper file and the fetch that writes them.

The model, imported by the fetch, the check, the Pelican plugins, the feeds and the search:

- schema.py: every field of a paper file, its kind, owner and meaning (the Paper dataclass);
- ids.py: arXiv ids, file ids and the addresses made from them;
- tags.py: arXiv categories and the site's topics;
- yamldoc.py, validate.py, rules.py, problems.py: reading a paper file into a Paper, or
  saying each problem with its line (one verdict everywhere);
- paperfile.py, merge.py: writing paper files and base records, the three-way merge;
- tex.py, markdown.py, mathml.py, render.py: what counts as math, and a paper's text as the
  site shows it;
- check.py: checking a content folder.

The fetch, one module per upstream: upstream.py (HTTP), hf.py, arxiv.py; store.py writes
what the model accepts, fetch.py runs a fetch (scripts/fetch.py is its command line);
sources.py reads the site's sources file, catchup.py plans the days of a daily run.
docs/architecture.md walks the whole data flow.
"""
