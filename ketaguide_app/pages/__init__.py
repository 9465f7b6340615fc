"""The site's pages: the guide (home and one per topic) and the not-found page."""
