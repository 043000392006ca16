"""Bringing people in from other software, and the family tree out to it.

- `gedcom_in`: a family tree from genealogy software (GEDCOM 5.5.1 or 7) as new people and
  partnerships; `gedcom_dates` turns GEDCOM's dates into ours and back.
- `people_table`: a spreadsheet of people (CSV or Excel) as new people.
- `people_file`: the merge of new people into a journey's people.yaml (nobody lost, nobody
  twice, the coordinator's own lines untouched) and its atomic writing. The one module of
  journeybook that writes into a journey's folder, and only when asked to import.
- `gedcom_out`: the family as GEDCOM 5.5.1, from the safe cast (or, asked for, everything).

Everything imported starts `visibility: never shown`: a tree or a list made elsewhere is not
one the young person and their people have agreed to share.
"""
