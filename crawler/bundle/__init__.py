"""The bundled archive of real pages and documents (see README.md) and its builder."""
