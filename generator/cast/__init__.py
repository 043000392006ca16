"""The safe cast: the one reading of a validated journey that every output is made from
(caster, cast_types), and everything it uses to decide what may be shown: names in every
script and spelling, contact details, the writing in pictures and scans, recordings' frames."""
