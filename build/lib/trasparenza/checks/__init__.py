"""Checks: the data files turned into the model with every mistake collected (`validate`), pydantic's
errors in Italian (`messages`), and the checks that span files — ids, references, sums, dates (`crossref`).
"""
