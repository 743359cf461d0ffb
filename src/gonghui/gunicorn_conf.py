"""gunicorn's settings for production: ``gunicorn -c python:gonghui.gunicorn_conf gonghui.wsgi:application``
(docs/deploy.md). The access log is on, and it and gunicorn's error log go through the same personal-data
filter as the application's lines (core.logging): a search URL with a full ID number is written masked."""

import os

from gonghui.core.logging import logging_config

accesslog = "-"  # on; its lines go to the root handler (standard error, the journal under systemd)
logconfig_dict = logging_config(os.environ.get("GONGHUI_LOG_LEVEL", "INFO"))
