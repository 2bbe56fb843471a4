"""The local test bed that tests/ and bench/ share: generated news sites and hostile
servers on 127.0.0.1 (never the internet), crafted sources files, generated texts, and a
search of a whole database for names. Nothing here is imported by the pipeline itself."""
