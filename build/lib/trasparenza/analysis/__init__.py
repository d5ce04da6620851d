"""Analysis: what the model means — targets and values as offices write them (`targets`), results against
targets (`results`), the lookups of one plan that templates only read (`index`), the dates of every page
(`history`).
"""
