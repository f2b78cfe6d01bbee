"""Document kinds: one package per kind (``brief``, ``agenda``, ``minutes``, ``lcq``) on ``common``.

Every kind package exports the same small interface: ``NAME``, ``RDF_CLASS``, ``READS_ORIGIN``,
a cheap ``detect(text) -> float`` that looks only at a bounded head (and tail) of the text, and
one ``extract(text, *, language, base_iri[, origin]) -> Extraction`` that raises
``common.NotReadable`` when the text is not a readable document of its kind. Kinds never import
each other; what several share lives in ``common``. ``registry`` lists them.
"""
