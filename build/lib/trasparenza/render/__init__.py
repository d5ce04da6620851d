"""Rendering: a page of the plan to HTML with the Jinja2 templates in theme/trasparenza/ (`renderer`),
text from the data to safe HTML (`text`), charts as inline SVG (`charts`), the search entries built from
the model (`search`).
"""
