"""Small specs shared by the Sphinx, MkDocs and pre-commit tests."""
