"""KetaGuide: the ketamine therapy guide as a fast, shareable single-page app."""
