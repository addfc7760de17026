"""Local development and the demo served by ``make run``: embedded defaults, a throw-away secret."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
# A fixed key is fine for a machine-local demo; production refuses to start without its own.
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["*"])
# A machine-local demo does not fetch the demo laws' source sites every day (manage.py check_links does, asked).
LINK_CHECK_HOURS = env.int("LINK_CHECK_HOURS", default=0)
