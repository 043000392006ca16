"""The case data's format: a journey folder's files read (load, yaml_events), their shape and
fixed words (schema, schema_parts, vocabulary), and validation at the edge into a typed
`Journey` (validate, validate_story, explain), with every problem at its file and line. Also
the reference made from the schema and a new journey's folder from the commented template."""
