"""Skole–hjem-håndboka's checks and build steps: one package, used by the MkDocs plugin
(handbook.plugin), the command line (handbook.cli) and the tests."""

__version__ = "0.2.0"
