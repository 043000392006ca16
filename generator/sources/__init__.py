"""Reading a journey's pictures and recordings: decoding and checking them, their fingerprints,
and the sizes of each picture kept by content, shared by validation, the cast and the outputs."""
