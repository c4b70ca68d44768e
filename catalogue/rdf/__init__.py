"""RDF terms and streaming serializers (Turtle, N-Triples, JSON-LD, RDF/XML) that scale to large catalogues."""

from catalogue.rdf.terms import IRI, Literal, Namespace, Resource
from catalogue.rdf.writers import FORMATS, write_rdf

__all__ = ["FORMATS", "IRI", "Literal", "Namespace", "Resource", "write_rdf"]
