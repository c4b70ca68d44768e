"""The XHTML a report may publish: text markup, lists, tables and absolute links, never a script, a style, a form, a
heading (the report's page gives its own, numbered), a remote resource (an image, a frame, an object) or a relative
link (it would lead elsewhere from each page); sanitized by nh3 (ammonia) on every output."""

from __future__ import annotations

from copy import deepcopy
from urllib.parse import urlsplit

import lxml.etree
import lxml.html
import nh3

TAGS = frozenset({"p", "br", "hr", "div", "span", "strong", "em", "b", "i", "sub", "sup", "small", "code",
                  "pre", "blockquote", "q", "cite", "abbr", "dfn", "kbd", "samp", "var", "ul", "ol", "li", "dl", "dt",
                  "dd", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "a"})
"""The elements kept: XHTML 1.1's text, list, table and hypertext modules (what SDMX's ``StructuredText`` takes)."""
ATTRIBUTES = {"a": {"href", "hreflang", "title"}, "abbr": {"title"}, "th": {"scope", "colspan", "rowspan"},
              "td": {"colspan", "rowspan"}, "*": {"lang", "dir"}}
"""The attributes kept, per element ("*": on any)."""
SCHEMES = frozenset({"http", "https", "mailto"})
"""The schemes a link may have."""


def sanitized(html: str) -> str:
    """The XHTML of a report as it may be published."""
    return nh3.clean(html, tags=set(TAGS), attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
                     url_schemes=set(SCHEMES), link_rel=None, strip_comments=True, attribute_filter=_absolute_links)


def _absolute_links(tag: str, attribute: str, value: str) -> str | None:
    """A link kept: an absolute one of a scheme of ``SCHEMES`` (never relative, nor protocol-relative)."""
    return value if attribute != "href" or _absolute(value) else None


def _absolute(url: str) -> bool:
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in SCHEMES and (parts.scheme.lower() == "mailto" or bool(parts.netloc))


def removed(html: str) -> list[str]:
    """What sanitizing removes from a report's XHTML, as the element, attribute or link it is (empty: it is kept as
    written)."""
    if _tree(sanitized(html)) == _tree(html):
        return []
    found: list[str] = []
    for element in _fragment(html).iter():
        if not isinstance(element.tag, str):
            found.append("<!-- -->")
            continue
        if element.tag not in TAGS and element.tag != "div":
            found.append(f"<{element.tag}>")
            continue
        for name, value in element.attrib.items():
            if name not in ATTRIBUTES.get(element.tag, set()) | ATTRIBUTES["*"]:
                found.append(f"<{element.tag} {name}>")
            elif name == "href" and not _absolute(value):
                found.append(f"<a href=\"{value[:80]}\">")
    return list(dict.fromkeys(found)) or ["markup that is not well formed"]


def _fragment(html: str) -> lxml.html.HtmlElement:
    return lxml.html.fragment_fromstring(html or " ", create_parent="div")


def _tree(html: str) -> bytes:
    """The parsed form of some XHTML, to compare two texts by what they hold rather than how they are written (a
    table's rows are in a body, written or not)."""
    fragment = _fragment(html)
    for body in list(fragment.iter("tbody")):
        body.drop_tag()
    return lxml.html.tostring(fragment, method="xml")


XHTML = "http://www.w3.org/1999/xhtml"
XML = "http://www.w3.org/XML/1998/namespace"


def xhtml_element(html: str) -> str:
    """A report's XHTML, sanitized, as one ``div`` element of the XHTML namespace (SDMX's ``StructuredText``)."""
    fragment = _fragment(sanitized(html))
    for element in fragment.iter():
        if isinstance(element.tag, str) and "lang" in element.attrib:  # XHTML 1.1 says a language as xml:lang
            element.set(f"{{{XML}}}lang", element.attrib.pop("lang"))
    written = lxml.html.tostring(fragment, method="xml", encoding="unicode")
    return f'<div xmlns="{XHTML}">' + written.removeprefix("<div>") if written.startswith("<div>") else \
        f'<div xmlns="{XHTML}"/>'  # the parent the fragment is read into: a div of its own, no attribute


def markup_of(element: lxml.etree._Element) -> str:
    """The XHTML an SDMX ``StructuredText`` (or a text's wrapper) holds, as a report keeps it: the content of its
    one XHTML ``div`` (as ``xhtml_element`` writes it), else its own content; without namespaces, ``xml:lang`` as
    ``lang``."""
    inner = list(element)
    holder = inner[0] if len(inner) == 1 and not (element.text or "").strip() and \
        lxml.etree.QName(inner[0]).localname == "div" else element
    copy = deepcopy(holder)  # not parsed again: what was read is what is kept
    for node in copy.iter():
        if isinstance(node.tag, str):
            node.tag = lxml.etree.QName(node).localname
            if f"{{{XML}}}lang" in node.attrib:
                node.set("lang", node.attrib.pop(f"{{{XML}}}lang"))
    lxml.etree.cleanup_namespaces(copy)
    return (_escaped(copy.text or "") + "".join(lxml.etree.tostring(child, encoding="unicode", with_tail=True) for child in copy)).strip()


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
