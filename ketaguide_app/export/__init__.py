"""`make export`: Reflex's static export, assembled into one folder with its header rules, and checked."""
