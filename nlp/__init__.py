"""The spaCy side of the pipeline: gazetteers, entity resolution and court sentences."""
