"""Exports: the plan as open data — tables from the model (`datasets`), their file formats (`formats`),
what the site publishes and the «Dati aperti» page (`published`), the DCAT-AP_IT catalogue (`dcat`), the
JSON Schemas of the data files (`schema`) — and as a spreadsheet and back (`sheets`, `workbook`, with the
fictional `sample_plan/`).
"""
