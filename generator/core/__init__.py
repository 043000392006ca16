"""Small shared parts: errors (every exception class), dates, page geometry, paths and the
output's layout, the cache and what is known of source files, the one output writer, build
records and fingerprints, the build's day, the tools' warnings and the book's own words."""
