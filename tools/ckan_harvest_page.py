"""Fetch one page of a DCAT catalogue and read it with ckanext-dcat's own parser, as its harvester does
(run with the CKAN environment's Python): print, as JSON, the datasets' URIs and the next page
(``RDFParser.next_page()``, from the page's hydra links).

Usage: .ckan-venv/bin/python tools/ckan_harvest_page.py URL
"""

import json
import sys
import urllib.request

from ckan.common import config

config["ckan.locale_default"] = "en"
config.setdefault("ckan.site_url", "http://localhost")

from ckanext.dcat.processors import RDFParser  # noqa: E402 (after the configuration)

url = sys.argv[1]
request = urllib.request.Request(url, headers={"Accept": "text/turtle"})
with urllib.request.urlopen(request, timeout=60) as response:  # 127.0.0.1 only, in tests
    body = response.read().decode("utf-8")
parser = RDFParser(profiles=["euro_dcat_ap_3"])
parser.parse(body, _format="turtle")
uris = [next((extra["value"] for extra in d.get("extras", []) if extra["key"] == "uri"), "") for d in parser.datasets()]
print(json.dumps({"datasets": sorted(uris), "next": parser.next_page()}))
