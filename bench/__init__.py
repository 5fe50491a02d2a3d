"""The France-scale benchmark of graphdir: `make bench` (python -m bench). See bench/README.md."""
