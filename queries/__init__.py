"""Questions asked of a loaded graph, one template per question per backend."""
