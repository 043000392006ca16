"""The studio: a local web app where a coordinator edits a journey through forms, never YAML by hand."""
