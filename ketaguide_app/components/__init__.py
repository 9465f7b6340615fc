"""Small components, each a function of the content model it shows."""
