"""Loading: the project's own files read safely — one YAML file into plain data with the line and column
of every node (`reader`), the options in mkdocs.yml without MkDocs (`settings`), what a build may read
and where it may write (`safety`), images from the data checked by their real format (`images`).
"""
