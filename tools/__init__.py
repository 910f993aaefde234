"""Developer tools, run from the repository root as modules: `python -m tools.replay_server`
(the upstream APIs replayed from recordings, for the tests and `invoke sample-content`) and
`python -m tools.bench` (build times on synthetic papers, `invoke bench`)."""
