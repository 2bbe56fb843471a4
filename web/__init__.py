"""The Datasette face of the database, in one folder: how it is served (app.py: settings,
command line, in-process app), our plugins (plugins/), page templates (templates/) and the
site's CSS and JS (static/, served under /site/). The metadata (titles, descriptions, canned
queries, dashboards) is `datasette_metadata.yml` at the top level."""
