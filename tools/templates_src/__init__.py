"""One module per document template: each exposes build(lang) -> bytes."""
