"""The site: which pages the plans produce, at which addresses, with what context (`plan`, `page`), the
«Amministrazione trasparente» tree and its pages (`at_tree`, `at_pages`) and the map of the «Piano tipo»
(`piano_tipo`). Nothing here renders HTML.
"""
