"""The public routes, one router per concern: the site's pages, its feeds and documents, SDMX-REST, the health
check and the API's documentation. ``create_app`` adds them in the order their addresses are matched."""
