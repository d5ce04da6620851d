"""`trasparenza nuovo sito`: a comune's own site repository, with the tool as a pinned dependency."""
