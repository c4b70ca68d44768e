#!/usr/bin/env bash
# A separate virtual environment with CKAN and ckanext-dcat from PyPI, to read our DCAT with
# ckanext-dcat's own RDF parser (tests/test_ckan_harvest.py). CKAN pins its dependencies in the
# requirements.txt of its source distribution (its wheel declares none), so that file is installed first.
# Usage: tools/ckan_venv.sh [DIR]   (default: .ckan-venv)
set -euo pipefail
CKAN_VERSION=2.12.0
CKANEXT_DCAT_VERSION=2.4.4
target="${1:-.ckan-venv}"
if [ -x "$target/bin/python" ] && "$target/bin/python" -c "import ckanext.dcat.processors" 2>/dev/null; then
    exit 0
fi
python3 -m venv "$target"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$target/bin/pip" download -q --no-deps --no-binary :all: "ckan==$CKAN_VERSION" -d "$work"
tar -xzf "$work/ckan-$CKAN_VERSION.tar.gz" -C "$work"
"$target/bin/pip" install -q -r "$work/ckan-$CKAN_VERSION/requirements.txt"
"$target/bin/pip" install -q "ckan==$CKAN_VERSION" "ckanext-dcat==$CKANEXT_DCAT_VERSION"
