"""The bundled offline demo: a static news site served on 127.0.0.1 and its sources file."""
