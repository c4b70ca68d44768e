"""Read a DCAT file with ckanext-dcat's own parser (run with the CKAN environment's Python):
print, as JSON, what a CKAN portal would create: each dataset's title, license_id, tags and resource names, and what
it keeps of series and versions.

Usage: .ckan-venv/bin/python tools/ckan_parse.py FILE [turtle|xml|json-ld] [PROFILE]
"""

import json
import sys

from ckan.common import config

config["ckan.locale_default"] = "en"
config.setdefault("ckan.site_url", "http://localhost")

from ckanext.dcat.processors import RDFParser  # noqa: E402 (after the configuration)

path = sys.argv[1]
rdf_format = sys.argv[2] if len(sys.argv) > 2 else "turtle"
profile = sys.argv[3] if len(sys.argv) > 3 else "euro_dcat_ap_3"
parser = RDFParser(profiles=[profile])
with open(path, encoding="utf-8") as stream:
    parser.parse(stream.read(), _format=rdf_format)
print(json.dumps([{"title": d.get("title"), "license_id": d.get("license_id"),
                   "tags": [t["name"] for t in d.get("tags", [])],
                   "resources": [r.get("name") for r in d.get("resources", [])],
                   # what it keeps of series and versions: fields and extras of those names
                   "kept": {key: value for key, value in [*d.items(), *((e["key"], e["value"]) for e in d.get("extras", []))]
                            if any(word in key for word in ("series", "version", "previous"))}}
                  for d in parser.datasets()], ensure_ascii=False, default=str))
