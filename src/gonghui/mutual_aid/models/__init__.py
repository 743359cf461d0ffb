"""Models of the app (one module per concept, re-exported here)."""
