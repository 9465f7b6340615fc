"""KetaGuide tests: unit tests of the models and rules, browser tests of the production build."""
