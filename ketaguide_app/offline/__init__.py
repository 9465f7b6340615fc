"""The offline copy's build side: manifest, icons and the service worker's list of files (its code is in js/)."""
