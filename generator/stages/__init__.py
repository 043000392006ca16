"""The pipeline's stages, one module each, in the order build.py runs them, with the helpers
only one stage uses beside it (schema, explain, vocabulary and yaml_events for load and
validate; cast_types for the cast)."""
