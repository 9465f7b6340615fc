"""`make preview`: the guide on 127.0.0.1, rebuilt on each save of the content, shown again where the reader was."""
