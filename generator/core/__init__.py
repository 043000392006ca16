"""Small shared parts: dates, errors, the cache and the one output writer."""
