"""Fixtures of other apps' tests that core's tests use too."""

# The storage under test, on the local disk and on moto's S3 server over real HTTP (documents/tests/conftest.py).
from documents.tests.conftest import storage  # noqa: F401
