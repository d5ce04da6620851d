"""Adapters: the only code that knows a site generator. Today `adapters.mkdocs` (MkDocs 1.6 with
mkdocs-material); nothing else in the package imports mkdocs, material or watchdog.
"""
