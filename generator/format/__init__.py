"""The case data's format: a journey folder's files read (load, yaml_events), their shape and
fixed words (schema, schema_parts, vocabulary), and validation at the edge into a typed
`Journey` (journey, validate, validate_ids, validate_files, validate_story, explain), with every
problem at its file and line. Also the reference made from the schema (reference) and a new
journey's folder from the commented template (new_journey)."""
