"""The book's model: what a template receives, made from the safe cast alone (book, parts,
types), with its recordings, calendar and what is new since the last version. The drawings'
layouts are beside it, in draw/."""
