"""Reports: plain data built from the Store and the pure modules, for the renderers; no printing."""
