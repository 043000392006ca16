"""Small shared parts: dates, errors, page geometry, theme paths, the cache, the one output
writer and the tools' warnings."""
