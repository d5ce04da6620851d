"""The MkDocs adapter: the plugin translates MkDocs' events into calls on the core (`plugin`); the theme's
settings (`theme_setup`) and the preview (`preview`) are MkDocs- and mkdocs-material-specific.
"""
