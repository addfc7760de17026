"""Django for a benchmark: the test settings on a temporary folder, with a temporary SQLite database unless
DATABASE_URL names another, migrated. Shared by the benchmarks that measure inside one process."""

import os
import tempfile


def django_on_a_temporary_database() -> str:
    """Set up Django as above and return the temporary folder (``VAR_DIR``)."""
    var_dir = tempfile.mkdtemp(prefix="prongsai-bench-")
    os.environ.update({"DJANGO_SETTINGS_MODULE": "config.settings.test", "VAR_DIR": var_dir})
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{var_dir}/bench.sqlite3")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return var_dir
